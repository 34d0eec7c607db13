# nvt: kernel module, libnvt, tools and tests.
#
#   make                 module (against KDIR) + libnvt + tools
#   make user            libnvt + tools only (no kernel headers needed)
#   make module KDIR=... the module against another kernel's headers
#   make unit            unit tests (Check), no device needed
#   make check           everything: unit tests and the QEMU bench on every
#                        Debian kernel (installs what it needs with apt-get)
#   make bench           fio against nvt's ioworkers on the bench (figures)
#   make check-debug     the bench on the debug kernel (KASAN, lockdep,
#                        kmemleak, DMA-API debug; built from Debian's source
#                        and cached in build/); not part of 'check'
#   make install DESTDIR=... PREFIX=...

VERSION   := 0.1.0
SOVERSION := 0

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
MODDIR ?= /lib/modules/$(KVER)/extra

CC      ?= cc
CFLAGS  ?= -O2 -g
B       := build
WARN    := -Wall -Wextra -Werror -Wno-unused-parameter
CPPFLAGS_NVT := -D_GNU_SOURCE -Ilibnvt/include -Ikmod/uapi
CFLAGS_NVT   := -std=c11 $(WARN) -fPIC $(CPPFLAGS_NVT) $(CFLAGS)

LIB_SRC  := $(sort $(wildcard libnvt/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o)
LIB_A    := $(B)/libnvt.a
LIB_SO   := $(B)/libnvt.so.$(VERSION)
LIB_LIBS := -lpthread

NVT_SRC  := $(sort $(wildcard tools/nvt/*.c))
NVT_OBJ  := $(NVT_SRC:%.c=$(B)/%.o)
NVT_BIN  := $(B)/nvt

RUN_SRC  := $(sort $(wildcard tools/nvt-run/*.c))
RUN_OBJ  := $(RUN_SRC:%.c=$(B)/%.o)
RUN_BIN  := $(B)/nvt-run
RUN_LIBS := -lyaml

# C test programs under testcases/ (test_*.c), built next to their source
# so that nvt-run collects them with the YAML suites.
CTEST_SRC := $(sort $(shell find testcases -name 'test_*.c' 2>/dev/null))
CTEST_BIN := $(CTEST_SRC:%.c=%)

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
UNIT_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -lpthread)

VMTEST_SRC := $(sort $(wildcard tests/vm/*.c))
VMTEST_BIN := $(VMTEST_SRC:tests/vm/%.c=$(B)/vmtests/%)

# The ioctl fuzzer of nvt.ko (raw uapi, no libnvt); make fuzz runs it on the bench.
FUZZ_BIN := $(B)/nvt-fuzz
FUZZ_ARGS ?= --threads 4 --ioctls 1000000 --settle-reset

# The bench guest's power controller (tools/vm/README.md); libc only, not installed.
POWER_OBJ := $(B)/tools/vm/power.o
POWER_BIN := $(B)/nvt-vm-power

.PHONY: all user module unit check check-debug bench fuzz vmcheck install clean
all: module user

user: $(LIB_A) $(LIB_SO) $(B)/libnvt.pc $(NVT_BIN) $(RUN_BIN) $(CTEST_BIN) \
	$(VMTEST_BIN) $(POWER_BIN) $(FUZZ_BIN)

module:
	@test -d "$(KDIR)" || { echo "nvt: no kernel build tree at $(KDIR)." \
		"Install the headers of the running kernel, or pass KDIR=/lib/modules/<version>/build" \
		"(or 'make user' for user space only)." >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_NVT) -MMD -MP -c -o $@ $<

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(LIB_SO): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libnvt.so.$(SOVERSION) -o $@ $^ $(LIB_LIBS)
	ln -sf libnvt.so.$(VERSION) $(B)/libnvt.so.$(SOVERSION)
	ln -sf libnvt.so.$(SOVERSION) $(B)/libnvt.so

$(B)/libnvt.pc: libnvt/libnvt.pc.in Makefile
	@mkdir -p $(B)
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|; s|@VERSION@|$(VERSION)|' $< > $@

$(NVT_BIN): $(NVT_OBJ) $(LIB_A)
	$(CC) -o $@ $(NVT_OBJ) $(LIB_A) $(LIB_LIBS)

$(RUN_BIN): $(RUN_OBJ) $(LIB_A)
	$(CC) -o $@ $(RUN_OBJ) $(LIB_A) $(RUN_LIBS) $(LIB_LIBS)

$(POWER_BIN): $(POWER_OBJ)
	$(CC) -o $@ $(POWER_OBJ)

$(FUZZ_BIN): $(B)/tests/fuzz/nvt_fuzz.o
	$(CC) -o $@ $< -lpthread

testcases/%: testcases/%.c $(LIB_A)
	$(CC) $(CFLAGS_NVT) -o $@ $< $(LIB_A) $(LIB_LIBS)

# Unit tests link libnvt and the tools' objects except their main().
NVT_LOGIC_OBJ := $(filter-out $(B)/tools/nvt/main.o,$(NVT_OBJ))
RUN_LOGIC_OBJ := $(filter-out $(B)/tools/nvt-run/main.o,$(RUN_OBJ))
$(B)/tests/test_nvt_run: $(B)/tests/unit/test_nvt_run.o $(LIB_A) $(RUN_LOGIC_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $< $(RUN_LOGIC_OBJ) $(LIB_A) $(UNIT_LIBS) $(RUN_LIBS) $(LIB_LIBS)

$(B)/tests/%: $(B)/tests/unit/%.o $(LIB_A) $(NVT_LOGIC_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $< $(NVT_LOGIC_OBJ) $(LIB_A) $(UNIT_LIBS) $(LIB_LIBS)

$(B)/vmtests/%: $(B)/tests/vm/%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $< $(LIB_A) $(LIB_LIBS)

unit: $(UNIT_BIN)
	@tests/unit/run $(UNIT_BIN)

# fio through the inbox driver against nvt's ioworkers, on the bench
bench:
	tools/nvt-vm bench

# a long fuzzer run on the bench (FUZZ_ARGS), the device bound to nvt
fuzz:
	tools/nvt-vm run --timeout 3600 --results results/fuzz -- \
		'. tests/vm/lib.sh && nvt_bind && $(FUZZ_BIN) $(FUZZ_ARGS) /dev/nvt0; rc=$$?; nvt_unbind; exit $$rc'

check:
	tools/nvt-deps
	$(MAKE) unit
	tools/nvt-vm check

# Every profile's bench tests on the debug kernel (tools/vm/debug-kernel);
# results in results/debug, or RESULTS=DIR
check-debug:
	tools/nvt-deps
	tools/nvt-vm check --kernel debug $(if $(RESULTS),--results $(RESULTS))

install: user
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
		$(DESTDIR)$(INCLUDEDIR)/nvt $(DESTDIR)$(DATADIR)/nvt
	install -m 0755 $(NVT_BIN) $(DESTDIR)$(BINDIR)/nvt
	install -m 0755 $(RUN_BIN) $(DESTDIR)$(BINDIR)/nvt-run
	install -m 0644 $(LIB_A) $(DESTDIR)$(LIBDIR)/libnvt.a
	install -m 0755 $(LIB_SO) $(DESTDIR)$(LIBDIR)/libnvt.so.$(VERSION)
	ln -sf libnvt.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libnvt.so.$(SOVERSION)
	ln -sf libnvt.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libnvt.so
	install -m 0644 $(B)/libnvt.pc $(DESTDIR)$(PKGCONFIGDIR)/libnvt.pc
	install -m 0644 libnvt/include/nvt/*.h $(DESTDIR)$(INCLUDEDIR)/nvt/
	if [ -d testcases ]; then cp -r testcases $(DESTDIR)$(DATADIR)/nvt/; fi
	if [ -f kmod/nvt.ko ]; then \
		install -d $(DESTDIR)$(MODDIR) && \
		install -m 0644 kmod/nvt.ko $(DESTDIR)$(MODDIR)/nvt.ko; \
	fi

clean:
	rm -rf $(B) $(CTEST_BIN)
	@if [ -d "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi

# only our own objects' dependency files (build/ also holds kernel trees)
-include $(shell find $(B)/libnvt $(B)/tools $(B)/tests $(B)/testcases -name '*.d' 2>/dev/null)

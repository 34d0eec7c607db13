# nvt: kernel module, libnvt, tools and tests.
#
#   make                 module (against KDIR) + libnvt + tools
#   make user            libnvt + tools only (no kernel headers needed)
#   make module KDIR=... the module against another kernel's headers
#   make unit            unit tests (Check), no device needed
#   make reportcheck     nvt-run's report.html of a made-up run in headless
#                        chromium (errors, sections, charts, screenshot) and
#                        xmllint (well formed), its results.json in jq
#                        (per-opcode figures against the histograms and the
#                        page); and REPORTS="FILE ..." too
#   make apicheck        libnvt's public API: kernel-doc of every header
#                        (warnings fail), exported symbols and their versions
#                        against the headers and libnvt/libnvt.map, and
#                        programs linked against libnvt.so alone
#   make dkms.conf       dkms.conf from dkms.conf.in, for 'dkms add .'
#   make check           everything: unit tests and the QEMU bench on every
#                        Debian kernel, readmecheck and the packages beside
#                        it (installs what it needs with apt-get)
#   make bench           fio against nvt's ioworkers on the bench (figures)
#   make check-debug     the bench on the debug kernel (KASAN, lockdep,
#                        kmemleak, DMA-API debug; built from Debian's source
#                        and cached in build/); not part of 'check'
#   make install DESTDIR=... PREFIX=...

# The release: VERSION is its one home.  libnvt's headers (nvt/version.h),
# libnvt.pc, dkms.conf and nvt.ko (kmod/Kbuild reads it) all take it from
# there.  SOVERSION is libnvt.so's ABI number, which goes up only when the
# ABI breaks (README.md, "Linking against libnvt").
VERSION   := $(shell cat VERSION)
SOVERSION := 0
ifeq ($(shell echo '$(VERSION)' | grep -Ex '[0-9]+\.[0-9]+\.[0-9]+'),)
$(error VERSION must hold MAJOR.MINOR.PATCH, not '$(VERSION)')
endif
VERSION_WORDS := $(subst ., ,$(VERSION))

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
CPPFLAGS_NVT := -D_GNU_SOURCE -Ilibnvt/include -I$(B)/include -Ikmod/uapi
CFLAGS_NVT   := -std=c11 $(WARN) -fPIC $(CPPFLAGS_NVT) $(CFLAGS)

LIB_SRC  := $(sort $(wildcard libnvt/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o)
LIB_A    := $(B)/libnvt.a
LIB_SO   := $(B)/libnvt.so.$(VERSION)
NL_CFLAGS := $(shell pkg-config --cflags libnl-genl-3.0 2>/dev/null || echo -I/usr/include/libnl3)
NL_LIBS  := $(shell pkg-config --libs libnl-genl-3.0 2>/dev/null || echo -lnl-genl-3 -lnl-3)
LIB_LIBS := $(NL_LIBS) -lpthread
# Only what the headers mark NVT_EXPORT leaves libnvt.so, each symbol with
# the version the map gives it; the helpers libnvt's files share stay inside.
LIB_MAP  := libnvt/libnvt.map
LIB_HDRS := $(sort $(wildcard libnvt/include/nvt/*.h))
# made from VERSION, installed with the other headers
VERSION_H := $(B)/include/nvt/version.h

NVT_SRC  := $(sort $(wildcard tools/nvt/*.c))
NVT_OBJ  := $(NVT_SRC:%.c=$(B)/%.o)
NVT_BIN  := $(B)/nvt

RUN_SRC  := $(sort $(wildcard tools/nvt-run/*.c))
RUN_OBJ  := $(RUN_SRC:%.c=$(B)/%.o)
RUN_BIN  := $(B)/nvt-run
RUN_LIBS := -lyaml -lm -lpthread

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

# bench.html of 'make bench' (tools/vm/bench_html.c): the charts of
# nvt-run's report (svgplot.c); not installed.
BENCH_HTML_BIN := $(B)/nvt-bench-html
BENCH_HTML_OBJ := $(B)/tools/vm/bench_html.o $(B)/tools/nvt-run/svgplot.o \
	$(B)/tools/nvt-run/xmltext.o

# The bench guest's power controller (tools/vm/README.md); libc only, not installed.
POWER_OBJ := $(B)/tools/vm/power.o
POWER_BIN := $(B)/nvt-vm-power

.PHONY: all user module unit apicheck reportcheck check check-debug check-resets bench fuzz docs doccheck vmcheck install clean
all: module user dkms.conf

user: $(LIB_A) $(LIB_SO) $(B)/libnvt.pc $(NVT_BIN) $(RUN_BIN) $(CTEST_BIN) \
	$(VMTEST_BIN) $(POWER_BIN) $(FUZZ_BIN) $(BENCH_HTML_BIN)

# NVT_WERROR=1 makes the module's warnings errors (the bench and CI set it;
# kmod/Kbuild leaves it off, as in dkms builds on users' machines).
module:
	@test -d "$(KDIR)" || { echo "nvt: no kernel build tree at $(KDIR)." \
		"Install the headers of the running kernel, or pass KDIR=/lib/modules/<version>/build" \
		"(or 'make user' for user space only)." >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(if $(NVT_WERROR),NVT_WERROR=$(NVT_WERROR)) modules

$(VERSION_H): libnvt/version.h.in VERSION
	@mkdir -p $(dir $@)
	sed -e 's|@VERSION@|$(VERSION)|; s|@MAJOR@|$(word 1,$(VERSION_WORDS))|' \
	    -e 's|@MINOR@|$(word 2,$(VERSION_WORDS))|; s|@PATCH@|$(word 3,$(VERSION_WORDS))|' $< > $@

dkms.conf: dkms.conf.in VERSION
	sed -e 's|@VERSION@|$(VERSION)|' $< > $@

$(B)/%.o: %.c $(VERSION_H)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_NVT) -MMD -MP -c -o $@ $<

$(LIB_OBJ): CFLAGS_NVT += -fvisibility=hidden
$(B)/libnvt/monitor.o: CFLAGS_NVT += $(NL_CFLAGS)
$(B)/tests/unit/test_monitor.o: CFLAGS_NVT += $(NL_CFLAGS) -Ilibnvt

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(LIB_SO): $(LIB_OBJ) $(LIB_MAP)
	$(CC) -shared -Wl,-soname,libnvt.so.$(SOVERSION) \
		-Wl,--version-script=$(LIB_MAP) -Wl,--no-undefined \
		-o $@ $(LIB_OBJ) $(LIB_LIBS)
	ln -sf libnvt.so.$(VERSION) $(B)/libnvt.so.$(SOVERSION)
	ln -sf libnvt.so.$(SOVERSION) $(B)/libnvt.so

$(B)/libnvt.pc: libnvt/libnvt.pc.in Makefile VERSION
	@mkdir -p $(B)
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|; s|@VERSION@|$(VERSION)|' $< > $@

$(NVT_BIN): $(NVT_OBJ) $(LIB_A)
	$(CC) -o $@ $(NVT_OBJ) $(LIB_A) $(LIB_LIBS)

$(RUN_BIN): $(RUN_OBJ) $(LIB_A)
	$(CC) -o $@ $(RUN_OBJ) $(LIB_A) $(RUN_LIBS) $(LIB_LIBS)

$(BENCH_HTML_BIN): $(BENCH_HTML_OBJ)
	$(CC) -o $@ $(BENCH_HTML_OBJ) -lm

$(POWER_BIN): $(POWER_OBJ)
	$(CC) -o $@ $(POWER_OBJ)

$(FUZZ_BIN): $(B)/tests/fuzz/nvt_fuzz.o
	$(CC) -o $@ $< -lpthread

testcases/%: testcases/%.c $(LIB_A) $(VERSION_H)
	$(CC) $(CFLAGS_NVT) -o $@ $< $(LIB_A) $(LIB_LIBS)

# Unit tests link libnvt and the tools' objects except their main().
NVT_LOGIC_OBJ := $(filter-out $(B)/tools/nvt/main.o,$(NVT_OBJ))
RUN_LOGIC_OBJ := $(filter-out $(B)/tools/nvt-run/main.o,$(RUN_OBJ))
RUN_UNITS := $(B)/tests/test_nvt_run $(B)/tests/test_progress
$(RUN_UNITS): $(B)/tests/%: $(B)/tests/unit/%.o $(LIB_A) $(RUN_LOGIC_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $< $(RUN_LOGIC_OBJ) $(LIB_A) $(UNIT_LIBS) $(RUN_LIBS) $(LIB_LIBS)

# report.html on a made-up run (tests/unit/report_sample.c); report-sample
# writes that run's results for tests/report/check-report.sh.
REPORT_SAMPLE_OBJ := $(B)/tests/unit/report_sample.o
$(B)/tests/test_report: $(B)/tests/unit/test_report.o $(REPORT_SAMPLE_OBJ) $(LIB_A) $(RUN_LOGIC_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $< $(REPORT_SAMPLE_OBJ) $(RUN_LOGIC_OBJ) $(LIB_A) $(UNIT_LIBS) $(RUN_LIBS) $(LIB_LIBS)

REPORT_SAMPLE_BIN := $(B)/report-sample
$(REPORT_SAMPLE_BIN): $(B)/tests/report/sample.o $(REPORT_SAMPLE_OBJ) $(LIB_A) $(RUN_LOGIC_OBJ)
	$(CC) -o $@ $< $(REPORT_SAMPLE_OBJ) $(RUN_LOGIC_OBJ) $(LIB_A) $(RUN_LIBS) $(LIB_LIBS)

# libnvt at its ioctl boundary: ioctl() and mmap() of the device's fd reach
# the shared mock of nvt.ko (tests/unit/mock_nvt.c); they read libnvt's
# internal headers.
MOCK_TESTS := test_commands test_rawq test_admin
MOCK_OBJ := $(B)/tests/unit/mock_nvt.o
$(MOCK_TESTS:%=$(B)/tests/unit/%.o) $(MOCK_OBJ): CFLAGS_NVT += -Ilibnvt
$(MOCK_TESTS:%=$(B)/tests/%): $(B)/tests/%: $(B)/tests/unit/%.o $(MOCK_OBJ) $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) -Wl,--wrap=ioctl,--wrap=mmap,--wrap=munmap -o $@ $< $(MOCK_OBJ) \
		$(LIB_A) $(UNIT_LIBS) $(LIB_LIBS)

$(B)/tests/%: $(B)/tests/unit/%.o $(LIB_A) $(NVT_LOGIC_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $< $(NVT_LOGIC_OBJ) $(LIB_A) $(UNIT_LIBS) $(LIB_LIBS)

$(B)/vmtests/%: $(B)/tests/vm/%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $< $(LIB_A) $(LIB_LIBS)

unit: $(UNIT_BIN)
	@tests/unit/run $(UNIT_BIN)

# The public API (tests/api/run): what the headers declare is documented
# (scripts/kernel-doc of Debian's kernel build tree, linux-kbuild-*: any
# warning fails), exported by libnvt.so with a symbol version, and nothing
# more; the tools and the example C test link against libnvt.so alone, so
# they use nothing but the public API.
KERNEL_DOC ?= $(shell ls -d /usr/lib/linux-kbuild-*/scripts/kernel-doc 2>/dev/null | sort -V | tail -n 1)
API_BIN := $(B)/api/nvt $(B)/api/nvt-run $(B)/api/test_example

$(B)/api/nvt: $(NVT_OBJ) $(LIB_SO)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $(NVT_OBJ) -L$(B) -lnvt

$(B)/api/nvt-run: $(RUN_OBJ) $(LIB_SO)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $(RUN_OBJ) -L$(B) -lnvt $(RUN_LIBS)

$(B)/api/test_example: testcases/example/test_example.c $(LIB_SO) $(VERSION_H)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_NVT) -o $@ $< -L$(B) -lnvt

apicheck: $(LIB_SO) $(API_BIN)
	tests/api/run --kernel-doc "$(KERNEL_DOC)" --lib $(LIB_SO) \
		--map $(LIB_MAP) --soname libnvt.so.$(SOVERSION) \
		--version $(VERSION) --cc "$(CC) $(CPPFLAGS_NVT)" $(LIB_HDRS)
	LD_LIBRARY_PATH=$(B) $(B)/api/test_example --list >/dev/null

# report.html as a user sees it (tests/report/check-report.sh): the
# made-up run of report-sample in results/report-check, and the reports
# REPORTS names (check: those of t_40's nvt-run on the basic profile, after
# the bench); the screenshots stay beside them (report.png)
reportcheck: $(REPORT_SAMPLE_BIN)
	tests/report/check-report.sh --sample results/report-check $(REPORTS)

# fio through the inbox driver against nvt's ioworkers, on the bench
bench:
	tools/nvt-vm bench

# the resets under a verified writer (CC.EN, FLR, hot reset at 0, 10 and
# 100 ms; in check too) RESETS_ROUNDS times on three profiles
RESETS_ROUNDS ?= 3
check-resets:
	for r in $$(seq $(RESETS_ROUNDS)); do for p in basic multi iommu; do \
		tools/nvt-vm test --profile $$p t_17_pcie t_40_nvt_run || exit 1; \
	done; done

# a long fuzzer run on the bench (FUZZ_ARGS), the device bound to nvt
fuzz:
	tools/nvt-vm run --timeout 3600 --results results/fuzz -- \
		'. tests/vm/lib.sh && nvt_bind && $(FUZZ_BIN) $(FUZZ_ARGS) /dev/nvt0; rc=$$?; nvt_unbind; exit $$rc'

# readmecheck and the packages' check run beside the rest at idle priority
# (tests/host/check-host.sh); the installed packages' run on the bench after them
HOSTCHECK := $(B)/check-host
check:
	tools/nvt-deps
	tests/host/check-host.sh start $(HOSTCHECK)
	trap 'tests/host/check-host.sh stop $(HOSTCHECK)' EXIT; \
	$(MAKE) -j$$(nproc) user $(UNIT_BIN) && \
	$(MAKE) unit && \
	$(MAKE) apicheck && \
	$(MAKE) doccheck && \
	$(MAKE) reportcheck && \
	tools/nvt-vm check && \
	$(MAKE) reportcheck REPORTS="$$(echo results/*/basic/nvt-run/report.html results/6.12*/zns/nvt-run/report.html)" && \
	tests/host/check-host.sh wait $(HOSTCHECK) && \
	tools/nvt-vm test --profile basic --results results/packages t_42_packages

# Every profile's bench tests on the debug kernel (tools/vm/debug-kernel);
# results in results/debug, or RESULTS=DIR
check-debug:
	tools/nvt-deps
	tools/nvt-vm check --kernel debug $(if $(RESULTS),--results $(RESULTS))

.PHONY: uninstall install-dkms deb debcheck installcheck mancheck readmecheck

# What 'make install' puts where (PREFIX=/usr for a distribution). The C test
# programs under testcases/ are machine code: they go under PKGLIBDIR and the
# test case tree in DATADIR links to them, so nvt-run collects them there.
MANDIR     ?= $(DATADIR)/man
DOCDIR     ?= $(DATADIR)/doc/nvt
PKGLIBDIR  ?= $(PREFIX)/lib/nvt
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
DKMSSRCDIR ?= /usr/src/nvt-$(VERSION)
CASE_FILES := $(sort $(shell find testcases -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.c' \) 2>/dev/null))
CASE_DIRS  := $(sort $(patsubst %/,%,$(dir $(CASE_FILES))))
MAN_PAGES  := $(sort $(wildcard docs/man/*.[1-8]))
COMPLETIONS := nvt nvt-run
DOC_FILES  := README.md $(sort $(wildcard docs/*.md))
INSTALL_HDRS := $(notdir $(LIB_HDRS) $(VERSION_H))

install: user
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
		$(DESTDIR)$(INCLUDEDIR)/nvt $(DESTDIR)$(DATADIR)/nvt \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(DOCDIR)
	install -m 0755 $(NVT_BIN) $(DESTDIR)$(BINDIR)/nvt
	install -m 0755 $(RUN_BIN) $(DESTDIR)$(BINDIR)/nvt-run
	install -m 0644 $(LIB_A) $(DESTDIR)$(LIBDIR)/libnvt.a
	install -m 0755 $(LIB_SO) $(DESTDIR)$(LIBDIR)/libnvt.so.$(VERSION)
	ln -sf libnvt.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libnvt.so.$(SOVERSION)
	ln -sf libnvt.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libnvt.so
	install -m 0644 $(B)/libnvt.pc $(DESTDIR)$(PKGCONFIGDIR)/libnvt.pc
	install -m 0644 $(LIB_HDRS) $(VERSION_H) $(DESTDIR)$(INCLUDEDIR)/nvt/
	for d in $(CASE_DIRS); do install -d $(DESTDIR)$(DATADIR)/nvt/$$d || exit 1; done
	for f in $(CASE_FILES); do install -m 0644 $$f $(DESTDIR)$(DATADIR)/nvt/$$f || exit 1; done
	for t in $(CTEST_BIN); do \
		install -d $(DESTDIR)$(PKGLIBDIR)/$$(dirname $$t) && \
		install -m 0755 $$t $(DESTDIR)$(PKGLIBDIR)/$$t && \
		ln -sf $(PKGLIBDIR)/$$t $(DESTDIR)$(DATADIR)/nvt/$$t || exit 1; \
	done
	for m in $(MAN_PAGES); do \
		s=$${m##*.}; install -d $(DESTDIR)$(MANDIR)/man$$s && \
		install -m 0644 $$m $(DESTDIR)$(MANDIR)/man$$s/ || exit 1; \
	done
	for c in $(COMPLETIONS); do \
		install -m 0644 tools/completion/$$c.bash $(DESTDIR)$(BASHCOMPDIR)/$$c || exit 1; \
	done
	install -m 0644 $(DOC_FILES) $(DESTDIR)$(DOCDIR)/
	if [ -f kmod/nvt.ko ]; then \
		install -d $(DESTDIR)$(MODDIR) && \
		install -m 0644 kmod/nvt.ko $(DESTDIR)$(MODDIR)/nvt.ko; \
	fi

# Removes what 'install' put, with the same variables, and the folders of
# nvt's own it made (nvt/ under the include, data and lib folders) once empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/nvt $(DESTDIR)$(BINDIR)/nvt-run
	rm -f $(DESTDIR)$(LIBDIR)/libnvt.a $(DESTDIR)$(LIBDIR)/libnvt.so.$(VERSION) \
		$(DESTDIR)$(LIBDIR)/libnvt.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libnvt.so
	rm -f $(DESTDIR)$(PKGCONFIGDIR)/libnvt.pc
	rm -f $(addprefix $(DESTDIR)$(INCLUDEDIR)/nvt/,$(INSTALL_HDRS))
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/nvt/,$(CASE_FILES) $(CTEST_BIN))
	rm -f $(addprefix $(DESTDIR)$(PKGLIBDIR)/,$(CTEST_BIN))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/,$(foreach m,$(MAN_PAGES),man$(subst .,,$(suffix $(m)))/$(notdir $(m))))
	rm -f $(addprefix $(DESTDIR)$(BASHCOMPDIR)/,$(COMPLETIONS))
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOC_FILES)))
	rm -f $(DESTDIR)$(MODDIR)/nvt.ko
	for d in $(DESTDIR)$(INCLUDEDIR)/nvt $(DESTDIR)$(DOCDIR) \
		$(foreach d,$(CASE_DIRS),$(DESTDIR)$(DATADIR)/nvt/$(d) $(DESTDIR)$(PKGLIBDIR)/$(d)) \
		$(DESTDIR)$(DATADIR)/nvt/testcases $(DESTDIR)$(DATADIR)/nvt \
		$(DESTDIR)$(PKGLIBDIR)/testcases $(DESTDIR)$(PKGLIBDIR); do \
		[ ! -d $$d ] || rmdir --ignore-fail-on-non-empty $$d; \
	done

# The module's source as dkms takes it (dkms.conf, Kbuild, VERSION, kmod/),
# in DKMSSRCDIR: what the nvt-dkms package ships.
install-dkms: dkms.conf
	install -d $(DESTDIR)$(DKMSSRCDIR)
	install -m 0644 dkms.conf Kbuild VERSION $(DESTDIR)$(DKMSSRCDIR)/
	for f in $$(find kmod -type f \( -name '*.[ch]' -o -name Kbuild -o -name Makefile \) \
		! -name '*.mod.c' | sort); do \
		install -D -m 0644 $$f $(DESTDIR)$(DKMSSRCDIR)/$$f || exit 1; \
	done

# Debian packages (debian/): nvt-dkms, libnvt0, libnvt-dev, nvt, built by
# dpkg-buildpackage from a copy of the tree in build/deb/src, into build/deb/.
DEB_DIR := $(B)/deb
deb:
	tools/nvt-deb $(DEB_DIR)

# The packages installed with apt-get in a clean Debian 12 root (dkms builds
# nvt.ko there for the bench kernel), then on the bench: the installed tools,
# test cases and libnvt-dev against the emulated controller (t_42_packages)
debcheck: deb
	tests/readme/check-readme.sh --debs $(DEB_DIR) --block packages
	tools/nvt-vm test t_42_packages

# 'make install' into a DESTDIR, then 'make uninstall': nothing may be left
installcheck:
	tests/install/check-install.sh

# The manual pages (groff and man warnings) and bash completions against the
# tools' --help: every option in both; the completions complete
mancheck: $(NVT_BIN) $(RUN_BIN) $(CTEST_BIN)
	tests/man/check-man.sh $(B)

# The README's hardware instructions in a clean Debian 12 root (debootstrap)
readmecheck:
	tests/readme/check-readme.sh

clean:
	rm -rf $(B) $(CTEST_BIN) dkms.conf
	@if [ -d "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi

# only our own objects' dependency files (build/ also holds kernel trees)
-include $(shell find $(B)/libnvt $(B)/tools $(B)/tests $(B)/testcases -name '*.d' 2>/dev/null)

# docs/conformance.md: the conformance suite's catalog, from its YAML
CATALOG_PATHS := testcases/conformance
docs: $(RUN_BIN)
	$(RUN_BIN) --catalog $(CATALOG_PATHS) > docs/conformance.md

# fails when docs/conformance.md is not what the YAML says, or a
# conformance test does not name the specification section it asserts
doccheck: $(RUN_BIN)
	$(RUN_BIN) --catalog $(CATALOG_PATHS) | diff -u docs/conformance.md - \
		|| { echo "docs/conformance.md is stale: make docs"; exit 1; }
	tail -n 1 docs/conformance.md | grep -q '; 0 without a specification section' \
		|| { echo "conformance tests without 'spec:' (docs/conformance.md)"; exit 1; }

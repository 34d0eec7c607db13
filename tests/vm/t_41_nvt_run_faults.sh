#!/bin/sh
# timeout: 600
# The conformance cases must fail when their data does not arrive. nvt-run
# runs the suites with I/O steps twice, under --fault read-neighbour (every
# read and compare step goes one LBA on) and --fault drop-write (no write or
# zone_append step writes anything, yet each succeeds). The list below,
# read from the YAML, names every case a fault reaches and the faults each
# must fail under; a case must fail exactly under those, because of the
# fault (its log shows the fault), a case the fault reached otherwise must
# not fail, and a case the fault reached that is not listed fails this
# test: read its YAML and list it.
set -u
. tests/vm/lib.sh
nvt_bind
t=$NVT_RESULTS/nvt-run-faults
rc=0

# suite::case, then r (fails under read-neighbour), w (under drop-write) or
# - (a fault reaches it, but it checks no data), then why
cases='
io.yaml::write_read_prp                      rw
commands.yaml::reserved_bits_read            w  its read is a raw io step (no read fault); the write must land
identify.yaml::transfer_of_mdts              rw
io.yaml::write_read_sgl                      rw
io.yaml::sgl_read_of_prp_write               rw
io.yaml::prp_offset_in_page                  rw
io.yaml::large_transfer                      rw
io.yaml::separate_metadata                   rw
io.yaml::fua_write                           rw
lba.yaml::read_lba_out_of_range              -  reads that must be refused, one LBA on too
lba.yaml::compare_lba_out_of_range           -  compares that must be refused, one LBA on too
lba.yaml::write_lba_out_of_range             w  writes that must be refused
lba.yaml::last_lba_in_range                  rw
lba.yaml::lr_fua_matrix                      rw
lba.yaml::transfer_size_sweep                rw
logpage.yaml::smart_data_units_and_commands  w  the write counters must move (reads one LBA on count as well)
io.yaml::over_mdts                           -  a read refused for its size
io.yaml::prp2_offset                         -  a read that shows the controller still answers (runs where raw DMA is allowed: iommu)
io.yaml::compare_equal_and_miscompare        rw
io.yaml::write_zeroes                        rw
io.yaml::dsm_deallocate                      rw
io.yaml::copy                                rw
io.yaml::copy_two_ranges                     rw
io.yaml::write_uncorrectable                 rw
io.yaml::many_qpairs                         rw
io.yaml::qpair_chosen_qid                    -  reads that show the queue works
cmdlog.yaml::cmdlog_merged                   -  reads for the command log
io.yaml::sq_in_cmb                           rw
datacheck.yaml::verified_write_read             rw
datacheck.yaml::corruption_caught               rw
datacheck.yaml::unwritten_not_failed            rw
datacheck.yaml::write_zeroes_and_deallocate_tracked rw
datacheck.yaml::copy_tracked                    rw
datacheck.yaml::format_empties_table            rw
datacheck.yaml::no_stamp                        rw
datacheck.yaml::uncorrectable_expected          r  Write Uncorrectable is not a write step
datacheck.yaml::overlapping_io_in_order         rw
datacheck.yaml::async_error_reported            -  reads for their statuses
ioworker.yaml::distribution_one_part         r  an ioworker writes
ioworker.yaml::separate_metadata             rw
ioworker.yaml::write_pattern                 r  an ioworker writes
ioworker.yaml::random_write_data             r  an ioworker writes
power.yaml::dirty_power_cycle_under_workers  rw
zns.yaml::write_at_write_pointer             rw
zns.yaml::write_off_write_pointer            w  a write the zone must refuse
zns.yaml::zone_append                        w
zns.yaml::open_close_finish                  w  a write the full zone must refuse
zns.yaml::verified_zone_reset                rw
zns.yaml::verified_zone_append               rw
zns.yaml::report_filter                      w  its writes make the zone states it filters on
zns.yaml::reset_all_zones                    rw
zns.yaml::select_all_action                  rw
zns.yaml::open_zone_from_state               rw
zns.yaml::close_zone_from_state              rw
zns.yaml::finish_zone_from_state             rw
zns.yaml::reset_zone_from_state              rw
zns.yaml::offline_zone_from_state            rw
zns.yaml::write_implicitly_opens             rw
zns.yaml::write_keeps_explicitly_opened      rw
zns.yaml::write_not_at_write_pointer         rw
zns.yaml::write_not_at_start_of_empty_zone   w  a write the zone must refuse
zns.yaml::finish_zone_makes_full             rw
zns.yaml::zone_full_at_capacity              rw
zns.yaml::write_crossing_zone_boundary       rw
zns.yaml::read_across_zone_boundary          r  a read the zone boundary must refuse, one LBA on it is inside a zone
zns.yaml::zone_append_returns_lba            rw
zns.yaml::zone_append_opens_zone             rw
zns.yaml::zone_append_not_zone_start         rw
zns.yaml::zone_append_crossing_capacity      rw
zns.yaml::write_zeroes_at_write_pointer      rw
zns.yaml::too_many_open_zones                rw
zns.yaml::closed_zone_needs_open_resource    rw
zns.yaml::open_resource_release              rw
zns.yaml::too_many_active_zones              rw
zns.yaml::active_resource_release            w  its writes make the active zones it counts on
raw.yaml::prp1_offset                        w  read back through a raw SQ
raw.yaml::prp_list_at_offset                 w  read back through a raw SQ
raw.yaml::sgl_segment_chain                  w  read back through a raw SQ
raw.yaml::sgl_bit_bucket                     w  read back through a raw SQ
raw.yaml::prp_list_entry_with_offset         w  read back through a raw SQ after it
format.yaml::format_ses                      rw
format.yaml::format_all_namespaces           rw
format.yaml::format_scope_one_namespace      rw
format.yaml::format_invalid_format           rw
format.yaml::format_reserved_fields          rw
format.yaml::format_invalid_nsid             rw
format.yaml::format_broadcast_unsupported    rw
format.yaml::format_lbaf_round_trip          rw
format.yaml::format_pi                       rw
dsm.yaml::dsm_ranges                         rw
dsm.yaml::dsm_attributes                     rw
dsm.yaml::dsm_context_attributes             rw
dsm.yaml::dsm_zero_length_range              rw
dsm.yaml::dsm_reads_deterministic            rw
dsm.yaml::dsm_write_after_deallocate         rw
dsm.yaml::dsm_whole_namespace                rw
dsm.yaml::write_zeroes_beyond_mdts           rw
dsm.yaml::write_zeroes_max_nlb               rw
dsm.yaml::write_zeroes_deac                  rw
dsm.yaml::flush_all_namespaces               rw
dsm.yaml::flush_write_cache                  rw
pcie.yaml::flr_keeps_data                    rw
pcie.yaml::hot_reset_resets_controller       -  its read is checked by the table, which knows the data of each LBA
raw.yaml::prp1_not_dword_aligned             -  an xfail on the bench (QEMU moves data to the unaligned address)
pcie.yaml::flr_keeps_data                    rw
pcie.yaml::hot_reset_resets_controller       rw
pi.yaml::host_pi_checked                     rw
pi.yaml::corrupted_field_detected            rw
pi.yaml::pract_write_makes_pi                rw
pi.yaml::pract_ioworker                      -  an ioworker writes; its read checks the Guard, not which LBA it is (an unwritten one has none)
'

# Every listed case still exists.
mkdir -p $t
build/nvt-run --list testcases/conformance testcases/nvt | sed 's/\[.*//; s/^.*\///' | sort -u > $t/ids
for id in $(echo "$cases" | awk 'NF { print $1 }'); do
	grep -qx "$id" $t/ids || { echo "FAIL: $id is listed but is not a case"; rc=1; }
done

# check FAULT LETTER LOG: from nvt-run.log's "---- id: OUTCOME" headers and
# the "  fault ..." lines of each test's log, one FAIL line per disagreement
check() {
	awk -v fault="$1" -v letter="$2" -v table="$cases" '
	BEGIN {
		n = split(table, rows, "\n")
		for (i = 1; i <= n; i++)
			if (split(rows[i], w, " ") >= 2)
				want[w[1]] = w[2]
	}
	/^---- / {
		line = substr($0, 6)
		i = index(line, ": ")
		id = substr(line, 1, i - 1)
		split(substr(line, i + 2), word, " ")
		outcome[id] = word[1]
		base = id
		sub(/\[.*/, "", base)
		sub(/^.*\//, "", base)
		case_of[id] = base
		next
	}
	/^  fault / { reached[id] = 1 }
	END {
		for (id in outcome) {
			b = case_of[id]
			o = outcome[id]
			must = (b in want) && index(want[b], letter)
			if (must && o != "FAILED" && o != "SKIPPED" && o != "XFAIL")
				print "FAIL: " id " " o " under --fault " fault ": it moves data and must fail"
			else if (must && o == "FAILED" && !(id in reached))
				print "FAIL: " id " failed under --fault " fault " without meeting it"
			else if (must && o == "FAILED")
				failed++
			# a case the fault never reached is left to t_40_nvt_run
			else if ((id in reached) && (o == "FAILED" || o == "ERROR"))
				print "FAIL: " id " " o " under --fault " fault ", which must not change it"
			if ((id in reached) && !(b in want))
				print "FAIL: --fault " fault " reached " id ", which is not listed: read its YAML and list it"
		}
		if (!failed)
			print "FAIL: --fault " fault " failed no listed case"
		print "--fault " fault ": " failed + 0 " listed cases failed as they must"
	}' "$3"
}

# run FAULT LETTER NAME [NVT-RUN ARGS...]: the suites with I/O steps
run() {
	fault=$1 letter=$2 out=$t/$3
	shift 3
	# a reset under running workers moves no data the faults reach, and is
	# what makes QEMU 7.2 crash now and then ("aio failed: Invalid
	# argument", then a segfault): t_40_nvt_run runs those once; so it
	# does the CID sweeps (Flushes and Get Features, no data, 15 s)
	build/nvt-run --fault "$fault" --pciaddr "$NVT_BDF" --results "$out" \
		-k "not reset_under_workers and not reset_under_verified_writer and not every_cid" \
		"$@" > "$out.txt"
	s=$?
	[ $s = 1 ] || { cat "$out.txt"; echo "FAIL: nvt-run --fault $fault exited $s, not 1"; rc=1; }
	grep -q "^fault $fault: " "$out.txt" || { echo "FAIL: the header does not name the fault"; rc=1; }
	tail -n 1 "$out.txt"
	check "$fault" "$letter" "$out/nvt-run.log" > "$out.check"
	cat "$out.check"
	grep -q '^FAIL' "$out.check" && rc=1
}

suites=$(grep -lE '(^|[ {-])(read|write|compare|zone_append):' testcases/conformance/*.yaml testcases/nvt/*.yaml)
echo "suites with I/O steps:" $suites
for spec in "read-neighbour r" "drop-write w"; do
	set -- $spec
	run "$1" "$2" "$1" $suites
	# multi: the separate metadata cases run on namespace 3 only
	[ "${NVT_PROFILE:-basic}" = multi ] &&
		run "$1" "$2" "$1-ns3" --nsid 3 -k separate_metadata $suites
done

nvt_unbind || rc=1
exit $rc

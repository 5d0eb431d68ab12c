# eaflow — build, tests, demo and benchmarks. `make demo` and `make test` work alone on a fresh
# Debian machine: both depend on `deps`, which installs what is missing with apt-get.

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L
# HAVE_INLINE lets GSL inline gsl_rng_uniform and friends, which the simulation calls per event.
CPPFLAGS = -I/usr/include/iniparser -I. -DHAVE_INLINE
LDLIBS   = -lgsl -lgslcblas -liniparser -lcsv -lxlsxwriter -lpthread -lm
TEST_LDLIBS = -lcmocka
# `make MPI=1` builds ./eaflow-mpi instead: the same program compiled with mpicc and -DEAFLOW_MPI
# into build-mpi/, whose runs under `mpirun -n K` spread their replications over the K processes
# (engine/eng_mpi.h). `make deps MPI=1` also installs Open MPI. The default build needs no MPI.
ifeq ($(MPI),1)
BUILD    = build-mpi
CC       = mpicc
CPPFLAGS += -DEAFLOW_MPI
PROGRAM  = eaflow-mpi
else
PROGRAM  = eaflow
endif

BUILD ?= build
SRC   := $(wildcard engine/*.c models/*.c plots/*.c cli/*.c)
# The English catalogue is generated from po/en.po (see po/po2c.awk) and built into the library.
OBJ   := $(SRC:%.c=$(BUILD)/%.o) $(BUILD)/po/eng_msg_catalogue_en.o
TESTS := $(patsubst tests/%.c,%,$(wildcard tests/test_*.c))
# Fuzzing harnesses of what the command line cannot reach (tests/fuzz/NAME.c), and the fuzzing
# targets: each directory of tests/fuzz with a command (cmd), seeds and a dictionary.
FUZZ_HARNESSES := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/*.c))
FUZZ_TARGETS := $(patsubst tests/fuzz/%/cmd,%,$(wildcard tests/fuzz/*/cmd))

DEB_PACKAGES = libgsl-dev libcsv-dev libiniparser-dev libxlsxwriter-dev gnuplot-nox libcmocka-dev pkg-config weasyprint poppler-utils gettext python3-openpyxl
# `make deps BROWSER=1` also installs Chromium, for the test that opens the report in a browser
# (make test runs it when Chromium is there, and skips it otherwise).
ifeq ($(BROWSER),1)
DEB_PACKAGES += chromium
endif
# `make deps OFFICE=1` also installs LibreOffice Calc without its interface (about 200 MB), for
# the test that opens a `--csv fr` table in Calc (make test runs it when soffice is there, and
# skips it otherwise).
ifeq ($(OFFICE),1)
DEB_PACKAGES += libreoffice-calc-nogui
endif
ifeq ($(MPI),1)
DEB_PACKAGES += libopenmpi-dev openmpi-bin
endif
# `make deps FUZZ=1` also installs AFL++, for make fuzz and make fuzz-smoke.
ifeq ($(FUZZ),1)
DEB_PACKAGES += afl++
endif

.PHONY: all deps test test-mpi eaflow-mpi asan demo bench clean unit readme-keys readme-indicators readme-columns fuzz fuzz-smoke \
        fuzz-build po po-check

all: $(PROGRAM)

# Installs the Debian packages that are missing; does nothing when all are present.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# -MMD -MP writes beside each object the headers it includes, so that a change to a header
# rebuilds exactly the objects that use it (the .d files are read below).
$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/po/eng_msg_catalogue_en.c: po/en.po po/po2c.awk
	@mkdir -p $(dir $@)
	awk -f po/po2c.awk po/en.po > $@

$(BUILD)/libeaflow.a: $(OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/eaflow: $(BUILD)/eaflow.o $(BUILD)/libeaflow.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

eaflow: $(BUILD)/eaflow
	cp $< $@

eaflow-mpi:
	$(MAKE) MPI=1 build-mpi/eaflow
	cp build-mpi/eaflow $@

# Runs under mpirun with 2 and 3 processes give the files and the output of ./eaflow, byte for byte
# (tests/mpi.sh).
test-mpi:
	$(MAKE) eaflow
	$(MAKE) MPI=1 eaflow-mpi
	bash tests/mpi.sh

$(BUILD)/tests/%: tests/%.c $(BUILD)/libeaflow.a
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -MMD -MP -o $@ $< $(BUILD)/libeaflow.a $(TEST_LDLIBS) $(LDLIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/libeaflow.a
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -MMD -MP -o $@ $< $(BUILD)/libeaflow.a $(LDLIBS)

unit: $(addprefix $(BUILD)/tests/,$(TESTS)) $(BUILD)/eaflow $(addprefix $(BUILD)/fuzz/,$(FUZZ_HARNESSES))

# Every unit test binary, then the end-to-end tests on ./eaflow; closes with "N passed, N failed".
# Then the catalogue check: every message of the code has its English.
test: deps
	$(MAKE) eaflow unit
	sh tests/run.sh $(BUILD)
	$(MAKE) po-check

# The messages of the code, as xgettext finds them: the French texts given to eng_error_set,
# eng_error_prefix and eng_msg, and those marked ENG_MSG_N where a table stores them.
XGETTEXT = xgettext --from-code=UTF-8 --language=C --no-location --sort-output \
    --keyword= --keyword=eng_msg_tr --keyword=ENG_MSG_N --keyword=eng_error_set:3 \
    --keyword=eng_error_prefix:2 --keyword=eng_csv_cell_error:5 --keyword=number_error:5 --keyword=ea_schema_error:6 \
    --keyword=ea_schema_item_error:3 --flag=ea_schema_item_error:3:c-format --keyword=sc_error:5 \
    --flag=sc_error:5:c-format --flag=eng_error_set:3:c-format \
    --flag=eng_csv_cell_error:5:c-format --flag=number_error:5:c-format --flag=ea_schema_error:6:c-format \
    --flag=eng_error_prefix:2:c-format
PO_SOURCES = $(sort $(SRC) eaflow.c)

# Updates po/en.po from the code: new messages come with an empty translation to fill in, and
# messages the code no longer has are kept at the end as obsolete (#~).
po:
	@mkdir -p $(BUILD)
	$(XGETTEXT) -o $(BUILD)/eaflow.pot $(PO_SOURCES)
	msgmerge --quiet --no-fuzzy-matching --no-location --sort-output --update --backup=none po/en.po $(BUILD)/eaflow.pot

# Fails when a message of the code has no English in po/en.po, or when a translation does not keep
# its message's conversions (%s, %d, ...) in the same order.
po-check:
	@mkdir -p $(BUILD)
	$(XGETTEXT) -o $(BUILD)/eaflow.pot $(PO_SOURCES)
	msgfmt --check --output-file=/dev/null po/en.po
	msgcmp po/en.po $(BUILD)/eaflow.pot

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer, in a separate build tree.
# GCC's `undefined` leaves out float-cast-overflow (a double too large for the int it is converted
# to), which clang's includes: it is added so that both builds find the same faults.
asan: deps
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all" unit
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh build-asan

# The default scenario with the example data: tables, charts and the annual report.
demo: deps
	$(MAKE) eaflow
	./eaflow report scenarios/occitanie-2022.ini -o out/occitanie-2022 \
	    --observed scenarios/data/observed-occitanie.csv \
	    --funding scenarios/data/funding-occitanie.csv \
	    --records scenarios/data/records-occitanie.csv

bench: deps
	$(MAKE) eaflow $(BUILD)/tests/bench_engine
	NATIONAL=$(NATIONAL) $(BUILD)/tests/bench_engine
	@rm -rf /tmp/eaflow-bench-demo; start=$$(date +%s.%N); \
	./eaflow report scenarios/occitanie-2022.ini -o /tmp/eaflow-bench-demo -q \
	    --observed scenarios/data/observed-occitanie.csv --funding scenarios/data/funding-occitanie.csv \
	    --records scenarios/data/records-occitanie.csv; \
	end=$$(date +%s.%N); \
	awk -v a=$$start -v b=$$end -v n=$$(ls /tmp/eaflow-bench-demo/plots | wc -l) \
	    'BEGIN { printf "make demo (simulation, comparison, costs, fit, %d charts, report): %.2f s\n", n, b - a }'
	$(BUILD)/tests/bench_engine --workbook /tmp/eaflow-bench-demo
	@# Issue 12: the places each of the 13 departments needs, 200 replications per evaluation, on
	@# 2 threads; the target is under 30 s.
	@rm -rf /tmp/eaflow-bench-places; start=$$(date +%s.%N); \
	./eaflow places scenarios/occitanie-2022.ini --target 'waiting<=20' --year 2024 -n 200 \
	    --threads 2 -o /tmp/eaflow-bench-places -q > /dev/null; \
	end=$$(date +%s.%N); \
	awk -v a=$$start -v b=$$end \
	    'BEGIN { printf "places (13 departments, waiting<=20 in 2024, 200 replications, 2 threads): %.2f s (target < 30 s)\n", b - a }'
	@# Issue 13: two parameters of the demo calibrated to its observed file, 200 replications per
	@# evaluation, on 2 threads; the target is under 60 s.
	@rm -rf /tmp/eaflow-bench-calibrate; start=$$(date +%s.%N); \
	./eaflow calibrate scenarios/occitanie-2022.ini --observed scenarios/data/observed-occitanie.csv \
	    --free defaults.entries_per_month=1:6 --free module.recherche.duration.mean=3:15 -n 200 \
	    --threads 2 -o /tmp/eaflow-bench-calibrate -q > /dev/null; \
	end=$$(date +%s.%N); \
	awk -v a=$$start -v b=$$end -v n=$$(($$(wc -l < /tmp/eaflow-bench-calibrate/trace.csv) - 1)) \
	    'BEGIN { printf "calibrate (2 parameters, 200 replications, %d evaluations, 2 threads): %.2f s (target < 60 s)\n", n, b - a }'
	@# Issue 15: the CPU cost of one more replication of the national scenario (101 departments x
	@# 120 months, one thread: the CPU time of 30 replications less that of 10, over 20, read from
	@# the children's times of a shell, /proc/PID/stat fields 16 and 17), the unit of the projection
	@# of a national Sobol analysis in README.md (Speed); then, when Open MPI is there, one
	@# sensitivity analysis on 1 and on 2 processes of one thread each: the speed-up of the
	@# processes, with the check that both wrote the same sensitivity.csv.
	@hz=$$(getconf CLK_TCK); for n in 10 30; do rm -rf /tmp/eaflow-bench-national; \
	  eval c$$n=$$(sh -c './eaflow simulate scenarios/france-departements.ini -n '$$n' --threads 1 \
	      -o /tmp/eaflow-bench-national -q && cut -d" " -f16,17 /proc/$$$$/stat' \
	      | awk -v hz=$$hz '{ print ($$1 + $$2) / hz }'); done; \
	awk -v a=$$c10 -v b=$$c30 'BEGIN { r = (b - a) / 20; printf "france-departements.ini, one more replication (101 departments x 120 months), 1 thread: %.3f s of CPU = %.1f us a department-month; a national Sobol analysis (10 parameters, N = 512: 6 144 + 131 points x 1 000 replications): %.0f CPU-hours\n", r, r / (101 * 120) * 1e6, r * 6275 * 1000 / 3600 }'
	@if command -v mpicc >/dev/null 2>&1 && command -v mpirun >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory eaflow-mpi >/dev/null || exit 1; \
	  root=""; [ "$$(id -u)" -eq 0 ] && root=--allow-run-as-root; \
	  for np in 1 2; do rm -rf /tmp/eaflow-bench-mpi-$$np; start=$$(date +%s.%N); \
	    mpirun $$root --oversubscribe -q -n $$np ./eaflow-mpi sensitivity scenarios/occitanie-2022-uncertainty.ini \
	        --outcome waiting@2026 --points 4 -n 100 --threads 1 -o /tmp/eaflow-bench-mpi-$$np -q > /dev/null || exit 1; \
	    end=$$(date +%s.%N); eval t$$np=$$(awk -v a=$$start -v b=$$end 'BEGIN { print b - a }'); done; \
	  cmp -s /tmp/eaflow-bench-mpi-1/sensitivity.csv /tmp/eaflow-bench-mpi-2/sensitivity.csv \
	      || { echo "MPI: sensitivity.csv differs between 1 and 2 processes"; exit 1; }; \
	  awk -v a=$$t1 -v b=$$t2 -v l=$$(cut -d' ' -f1 /proc/loadavg) 'BEGIN { printf "sensitivity (occitanie-2022-uncertainty.ini, --points 4: 83 points of 100 replications), 1 thread a process: 1 process %.1f s, 2 processes %.1f s: speed-up %.2f, efficiency %.0f %% (load average %s: on a busy machine the processes share its cores)\n", a, b, a / b, 50 * a / b, l }'; \
	else echo "MPI: mpicc or mpirun absent (make deps MPI=1): the processes are not measured"; fi

$(BUILD)/tests/bench_engine: tests/bench_engine.c $(BUILD)/libeaflow.a
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -o $@ $< $(BUILD)/libeaflow.a $(LDLIBS)

# Fuzzing with AFL++ (make deps FUZZ=1): eaflow and the harnesses built with afl-cc, AddressSanitizer
# and UndefinedBehaviorSanitizer into build-afl/, then afl-fuzz on each target of tests/fuzz for
# FUZZ_SECONDS (default an hour each; campaigns worth the name run hours per target), or on the
# targets named in FUZZ_TARGETS. Findings go to build-afl/findings/TARGET/default/crashes and
# hangs; see README.md (Fuzzing) for keeping them as regressions. afl-gcc-fast does not work
# with Debian 12's gcc, so afl-cc (clang) builds.
FUZZ_SECONDS ?= 3600
fuzz-build:
	$(MAKE) deps FUZZ=1
	AFL_USE_ASAN=1 AFL_USE_UBSAN=1 $(MAKE) BUILD=build-afl CC=afl-cc CFLAGS="-O1 -g" \
	    build-afl/eaflow $(addprefix build-afl/fuzz/,$(FUZZ_HARNESSES))

fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_SECONDS) 0 $(FUZZ_TARGETS)

# A short run of every target for CI: at most 3000 executions or 20 s each; fails on a crash.
fuzz-smoke: fuzz-build
	sh tests/fuzz/run.sh 20 3000 $(FUZZ_TARGETS)

clean:
	rm -rf build build-asan build-afl build-mpi eaflow eaflow-mpi out

# Rewrites the key list of README.md from the scenario schema (`eaflow help scenario`, in French
# whatever the locale, as the README's user sections are); a test fails when the two disagree.
readme-keys: eaflow
	./eaflow --lang fr help scenario | sed '1,2d' > build/keys.md
	sed -e '/<!-- keys:begin -->/,/<!-- keys:end -->/{/<!-- keys:/!d}' \
	    -e '/<!-- keys:begin -->/r build/keys.md' README.md > build/README.md
	mv build/README.md README.md

# Rewrites the indicator table of README.md from the one in the code (ea_indicators_write_markdown,
# printed by a two-line program built here); a test fails when the two disagree.
readme-indicators: $(BUILD)/libeaflow.a
	printf '#include "models/ea_indicators.h"\nint main(void) { ea_indicators_write_markdown(stdout); return 0; }\n' > $(BUILD)/indicators_md.c
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -o $(BUILD)/indicators_md $(BUILD)/indicators_md.c $(BUILD)/libeaflow.a $(LDLIBS)
	$(BUILD)/indicators_md > $(BUILD)/indicators.md
	sed -e '/<!-- indicators:begin -->/,/<!-- indicators:end -->/{/<!-- indicators:/!d}' \
	    -e '/<!-- indicators:begin -->/r $(BUILD)/indicators.md' README.md > $(BUILD)/README.md
	mv $(BUILD)/README.md README.md

# Rewrites the column dictionary of README.md (the French headers of --csv fr) from the one in
# the code (ea_tables_write_dictionary_markdown); a test fails when the two disagree.
readme-columns: $(BUILD)/libeaflow.a
	printf '#include "models/ea_tables.h"\nint main(void) { ea_tables_write_dictionary_markdown(stdout); return 0; }\n' > $(BUILD)/columns_md.c
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -o $(BUILD)/columns_md $(BUILD)/columns_md.c $(BUILD)/libeaflow.a $(LDLIBS)
	$(BUILD)/columns_md > $(BUILD)/columns.md
	sed -e '/<!-- columns:begin -->/,/<!-- columns:end -->/{/<!-- columns:/!d}' \
	    -e '/<!-- columns:begin -->/r $(BUILD)/columns.md' README.md > $(BUILD)/README.md
	mv $(BUILD)/README.md README.md

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d $(BUILD)/*/*/*.d)

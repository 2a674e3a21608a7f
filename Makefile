# libunp -- build, test, install.  `make help` lists the targets.

PREFIX     ?= /usr/local
DESTDIR    ?=
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
CARGO      ?= cargo
CC         ?= cc
AR         ?= ar
OBJCOPY    ?= objcopy
NM         ?= nm
LD         ?= ld

# The version is defined once, in Cargo.toml's [workspace.package].
VERSION    := $(shell sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
SOMAJOR    := $(firstword $(subst ., ,$(VERSION)))
# The header list is defined once: one cbindgen configuration per header.
HEADERS    := $(patsubst cbindgen/%.toml,%.h,$(wildcard cbindgen/*.toml))
B          := build
CFLAGS_EX  := -std=gnu11 -O2 -g -Wall -Wextra -I$(B)/include
EXAMPLES   := $(basename $(notdir $(wildcard c-examples/*.c)))
MANPAGES   := $(wildcard man/man3/*.3)
# The Rust version the crate needs (Cargo.toml's rust-version).
RUST_VERSION := $(or $(shell sed -n 's/^rust-version *= *"\(.*\)"/\1/p' Cargo.toml),1.88)

.PHONY: all lib examples demo check check-sanitizers test stage bench fuzz headers man install uninstall book-defines book book-prep clean help
all: lib examples

help:
	@echo 'libunp targets (results go to build/):'
	@echo '  make                 libraries, headers and the c-examples programs'
	@echo '  make demo            run the daytime and echo client/server pairs on 127.0.0.1'
	@echo '  make check           every test (Rust unit tests, C/C++ programs static and shared)'
	@echo '  make check-sanitizers  the C-program tests under ASan+UBSan, the example pairs'
	@echo '                       under valgrind, the threaded tests under TSan and helgrind'
	@echo '  make bench           benchmarks, side by side with the classic C code'
	@echo '  make fuzz            every libFuzzer target of fuzz/ for FUZZ_SECONDS (30) seconds'
	@echo '  make fuzz-merge      minimise the committed corpus fuzz/corpus/ with what make fuzz found'
	@echo '  make headers         regenerate include/*.h from the Rust sources'
	@echo '  make man             regenerate man/man3/*.3 from include/*.h'
	@echo '  make install         PREFIX=$(PREFIX) DESTDIR= (also LIBDIR, INCLUDEDIR, DATADIR, MANDIR)'
	@echo '  make uninstall       remove what make install installed (same variables)'
	@echo '  make book-defines    build/share/unp/{Make.defines,config.h} for the book'"'"'s tree'
	@echo '  make book BOOK=dir   build the book'"'"'s tree (unpv13e) against build/ and summarise'
	@echo '  make clean           remove build/ and cargo'"'"'s target/'
	@echo 'Needs Rust >= $(RUST_VERSION) (rustup), a C compiler and make; see README.md.'

# Every recipe that runs cargo checks for it first (only when it is about to
# run: `sudo make install` after a build needs no cargo in root's PATH).
HAVE_CARGO = @command -v $(CARGO) >/dev/null 2>&1 || { \
	echo "cargo not found: install Rust >= $(RUST_VERSION) with rustup (https://rustup.rs)" >&2; \
	exit 1; }

# --- the libraries ---------------------------------------------------------
# cargo builds target/release/libunp_capi.{a,so} and the archive tool.  The
# archive is then made to behave like a C archive (tools/archive): one member
# per exported function, so a static link carries only what the program
# calls; every definition weak, so that a program defining its own str_cli,
# readline, err_sys, ... links statically and its definition wins (the book
# does this often; see README); every name that is not a C name renamed
# __unp_*, so that it links next to other Rust code.
RUST_SRC := Cargo.toml build.rs $(wildcard src/*.rs csrc/*.c) capi/Cargo.toml capi/build.rs $(wildcard capi/src/*.rs capi/csrc/*.c) \
            tools/archive/Cargo.toml $(wildcard tools/archive/src/*.rs)
ARCHIVE_TOOL := target/release/unp-archive

$(B)/.cargo-stamp: $(RUST_SRC)
	$(HAVE_CARGO)
	$(CARGO) build --release -p unp-capi -p unp-archive
	@mkdir -p $(B) && touch $@

$(B)/lib/libunp.a: $(B)/.cargo-stamp
	@mkdir -p $(B)/lib
	NM=$(NM) LD=$(LD) OBJCOPY=$(OBJCOPY) AR=$(AR) $(ARCHIVE_TOOL) target/release/libunp_capi.a target/release/libunp_capi.so $@

$(B)/lib/libunp.so.$(VERSION): $(B)/.cargo-stamp
	@mkdir -p $(B)/lib
	cp target/release/libunp_capi.so $@
	ln -sf libunp.so.$(VERSION) $(B)/lib/libunp.so.$(SOMAJOR)
	ln -sf libunp.so.$(SOMAJOR) $(B)/lib/libunp.so

$(B)/include/%.h: include/%.h
	@mkdir -p $(B)/include
	cp $< $@

lib: $(B)/lib/libunp.a $(B)/lib/libunp.so.$(VERSION) $(addprefix $(B)/include/,$(HEADERS))

# The only place cbindgen runs (besides the drift test): a normal build uses
# the committed headers and never compiles the generator.
headers:
	$(HAVE_CARGO)
	$(CARGO) run --release -p unp-headers -- include

# The man pages are generated from the headers' doc comments by
# tools/mangen (a separate std-only crate) and committed, like the headers.
man:
	$(HAVE_CARGO)
	$(CARGO) run --quiet --release --manifest-path tools/mangen/Cargo.toml -- \
	  man/man3 $(addprefix include/,$(HEADERS)) book/include/thread.h

# --- examples: each built against the shared and the static library --------
$(B)/bin/%: c-examples/%.c $(B)/lib/libunp.so.$(VERSION) $(addprefix $(B)/include/,$(HEADERS))
	@mkdir -p $(B)/bin
	$(CC) $(CFLAGS_EX) -o $@ $< -L$(B)/lib -Wl,-rpath,'$$ORIGIN/../lib' -lunp -lpthread

$(B)/bin/static/%: c-examples/%.c $(B)/lib/libunp.a $(addprefix $(B)/include/,$(HEADERS))
	@mkdir -p $(B)/bin/static
	$(CC) $(CFLAGS_EX) -o $@ $< $(B)/lib/libunp.a -lpthread

examples: $(addprefix $(B)/bin/,$(EXAMPLES)) $(addprefix $(B)/bin/static/,$(EXAMPLES))

demo: all
	@sh tests/demo.sh $(B)/bin

# --- tests and benchmarks --------------------------------------------------
# The tests use what is built here (they never run make): the libraries, the
# examples, and an installation staged in build/stage.
check test: lib examples stage book-prep
	$(HAVE_CARGO)
	$(CARGO) test --release --no-fail-fast

# build/stage: an installation the tests read; build/unstage: installed and
# uninstalled again, which must leave no file behind (tests/man.rs checks).
stage: lib
	@rm -rf $(B)/stage $(B)/unstage
	@$(MAKE) -s install PREFIX=$(CURDIR)/$(B)/stage DESTDIR= >/dev/null
	@$(MAKE) -s install PREFIX=$(CURDIR)/$(B)/unstage DESTDIR= >/dev/null
	@$(MAKE) -s uninstall PREFIX=$(CURDIR)/$(B)/unstage DESTDIR= >/dev/null

# Sanitizers (CI runs this after make check):
#  (a) every C/C++ test program and c-example built by the tests with clang
#      -fsanitize=address,undefined -fno-sanitize-recover=all, against the
#      static and the shared library (tests/common/mod.rs, UNP_SANITIZE).
#      Leak detection is off (the book's programs keep their memory until
#      exit); allocator_may_return_null: Calloc of an impossible size must
#      reach the library's diagnostic, as with libc's allocator.  Excluded:
#      the two tests of the library's own `signal` (ASan's runtime defines
#      `signal` itself, and its definition wins over the library's in both
#      links, so the book's semantics cannot be observed), and the two
#      tests that run their program under valgrind (valgrind cannot run
#      ASan programs; tests/ifi.rs runs them in make check).
#  (b) the example client/server pairs under valgrind memcheck.
#  (c) the threaded tests: programs built with -fsanitize=thread, then under
#      helgrind, which also sees the (uninstrumented) library's accesses.
# The test binaries that run C programs built by tests/common/mod.rs.
SAN_TESTS := $(addprefix --test ,addr api4 daemon echo errors fd_pass ifi io linking names signal \
	timeo unload wrappers)
SAN_SKIP := --skip flags_mask_and_old_handlers --skip sigalrm_interrupts_under_the_librarys_signal \
	--skip valgrind_no_leaks --skip namespace_matches_kernel
check-sanitizers: lib examples stage book-prep
	$(HAVE_CARGO)
	UNP_SANITIZE=address ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(CARGO) test --release --no-fail-fast $(SAN_TESTS) -- $(SAN_SKIP)
	sh tests/memcheck.sh $(B)
	UNP_SANITIZE=thread TSAN_OPTIONS=halt_on_error=1 \
	    $(CARGO) test --release --no-fail-fast --test io --test addr --test unload
	sh tests/helgrind.sh $(B)

bench: lib
	@sh bench/run.sh

# --- fuzzing (clang with libFuzzer; see fuzz/run.sh) -------------------------
# The harnesses link a library of their own, $(B)/fuzz/lib/libunp.a: the same
# sources built with SanitizerCoverage (libFuzzer's edge counters, PC table
# and comparison hooks, so that it steers by the library's branches, not only
# the harness's), Rust's debug assertions and overflow checks (a violated
# precondition or an overflow aborts: a finding), in target/fuzz so that the
# normal build is untouched; then made into an archive by tools/archive
# like libunp.a (weak definitions: the harnesses' own err_quit, err_sys,
# gettimeofday win, as a program's do; the coverage sections keep each
# object whole, one member per object instead of per function).  --target
# keeps RUSTFLAGS off the build scripts, which would not link with the
# coverage hooks undefined.  No ASan on the Rust side: the harnesses put
# every object before an inaccessible page.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_TARGETS := $(basename $(notdir $(wildcard fuzz/*.c)))
FUZZ_CFLAGS  := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I$(B)/include \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(FUZZ_EXTRA)
FUZZ_RUSTFLAGS := -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=3 \
		-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
		-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks
# Evaluated only by the recipe that uses it.
FUZZ_HOST     = $(shell rustc -vV | sed -n 's/^host: //p')

$(B)/fuzz/lib/libunp.a: $(RUST_SRC) $(B)/.cargo-stamp
	$(HAVE_CARGO)
	RUSTFLAGS='$(FUZZ_RUSTFLAGS)' $(CARGO) build --release -p unp-capi --target-dir target/fuzz --target $(FUZZ_HOST)
	@mkdir -p $(B)/fuzz/lib
	NM=$(NM) LD=$(LD) OBJCOPY=$(OBJCOPY) AR=$(AR) $(ARCHIVE_TOOL) target/fuzz/$(FUZZ_HOST)/release/libunp_capi.a \
	    target/fuzz/$(FUZZ_HOST)/release/libunp_capi.so $@

$(B)/fuzz/%: fuzz/%.c fuzz/fuzz.h $(B)/fuzz/lib/libunp.a $(addprefix $(B)/include/,$(HEADERS))
	@mkdir -p $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(B)/fuzz/lib/libunp.a -lpthread -lm

fuzz: $(addprefix $(B)/fuzz/,$(FUZZ_TARGETS))
	@sh fuzz/run.sh $(B)/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Minimise the committed corpus (fuzz/corpus/) with what `make fuzz` found.
.PHONY: fuzz-merge
fuzz-merge: $(addprefix $(B)/fuzz/,$(FUZZ_TARGETS))
	@sh fuzz/merge.sh $(B)/fuzz $(FUZZ_TARGETS)

# --- installation ----------------------------------------------------------
# Always regenerated: its contents depend on PREFIX, LIBDIR and INCLUDEDIR,
# which change from one `make install` to the next without any file changing.
.PHONY: $(B)/unp.pc
$(B)/unp.pc: unp.pc.in Makefile
	@mkdir -p $(B)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' unp.pc.in > $@

install: lib $(B)/unp.pc book-defines
	install -d $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(DATADIR)/unp
	install -m 644 $(addprefix include/,$(HEADERS)) $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(B)/lib/libunp.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(B)/lib/libunp.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libunp.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libunp.so.$(SOMAJOR)
	ln -sf libunp.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libunp.so
	install -m 644 $(B)/unp.pc $(DESTDIR)$(LIBDIR)/pkgconfig/unp.pc
	install -m 644 $(B)/share/unp/Make.defines $(B)/share/unp/config.h $(DESTDIR)$(DATADIR)/unp/
	install -d $(DESTDIR)$(MANDIR)/man3
	install -m 644 $(MANPAGES) $(DESTDIR)$(MANDIR)/man3/
	install -d $(DESTDIR)$(DATADIR)/unp/include
	install -m 644 $(B)/share/unp/include/thread.h $(DESTDIR)$(DATADIR)/unp/include/

uninstall:
	rm -f $(addprefix $(DESTDIR)$(INCLUDEDIR)/,$(HEADERS))
	rm -f $(DESTDIR)$(LIBDIR)/libunp.a $(DESTDIR)$(LIBDIR)/libunp.so*
	rm -f $(DESTDIR)$(LIBDIR)/pkgconfig/unp.pc
	rm -rf $(DESTDIR)$(DATADIR)/unp
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(MANPAGES)))

# book/Make.defines.in with the include directory $(1), the library
# directory $(2) and the directory of thread.h $(3) filled in.
book-defines-sed = sed -e 's|@INCLUDEDIR@|$(1)|g' -e 's|@LIBDIR@|$(2)|g' \
	-e 's|@UNPINCLUDEDIR@|$(3)|g' book/Make.defines.in

# Depends on PREFIX like unp.pc: always regenerated.
.PHONY: $(B)/share/unp/Make.defines
book-defines: $(B)/share/unp/Make.defines $(B)/share/unp/config.h $(B)/share/unp/include/thread.h
$(B)/share/unp/Make.defines: book/Make.defines.in
	@mkdir -p $(B)/share/unp
	$(call book-defines-sed,$(INCLUDEDIR),$(LIBDIR),$(DATADIR)/unp/include) > $@

$(B)/share/unp/include/thread.h: book/include/thread.h
	@mkdir -p $(B)/share/unp/include
	cp $< $@

# The book tree's config.h is unp.h's block of configure results (one source:
# cbindgen/unp.toml), cut out of the header between its two section markers.
$(B)/share/unp/config.h: include/unp.h book/config.h.head
	@mkdir -p $(B)/share/unp
	{ cat book/config.h.head; \
	  sed -n "/^\/\* ---- The book's configure results/,/^\/\* ---- System headers/{/^\/\* ---- /d;p;}" include/unp.h; } > $@.tmp
	mv $@.tmp $@

# The book's own tree, built against build/ (nothing installed): see
# tools/book.sh.  Its Make.defines points at build/include, build/lib and
# build/book/include (thread.h).  `make check` prepares build/book too; the
# tests run tools/book.sh on their miniature trees.
BB := $(abspath $(B))
book-prep: lib $(B)/share/unp/config.h
	@mkdir -p $(B)/book/include
	@cp book/include/thread.h $(B)/book/include/thread.h
	@cp $(B)/share/unp/config.h $(B)/book/config.h
	@$(call book-defines-sed,$(BB)/include,$(BB)/lib,$(BB)/book/include) > $(B)/book/Make.defines

book: book-prep
	@test -n "$(BOOK)" || { echo "usage: make book BOOK=/path/to/unpv13e" >&2; exit 2; }
	@sh tools/book.sh "$(BOOK)" $(B)/book/Make.defines $(B)/book/config.h

clean:
	$(HAVE_CARGO)
	rm -rf $(B)
	$(CARGO) clean

# libunp -- build, test, install.  `make help` lists the targets.

PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     ?= $(PREFIX)/bin
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
# The book-tree support headers (share/unp/include): thread.h, the BSD
# headers netinet/ip_var.h and netinet/udp_var.h, and libnet.h (the
# interface of libnet 1.1.0), for the book's threads/ and udpcksum/.
BOOK_INC   := $(patsubst book/include/%,%,$(wildcard book/include/*.h book/include/*/*.h))
# The Rust version the crate needs (Cargo.toml's rust-version).
RUST_VERSION := $(or $(shell sed -n 's/^rust-version *= *"\(.*\)"/\1/p' Cargo.toml),1.88)
# Paths may contain spaces (a checkout in "~/My Projects", PREFIX="/opt/my
# libs"): recipes put every path in double quotes, and the generated
# Make.defines and unp.pc spell one with a space as their readers need it.
empty :=
space := $(empty) $(empty)

.PHONY: all lib examples compare demo check check-sanitizers test stage bench fuzz headers man install uninstall book-defines book book-prep clean help
all: lib examples compare

help:
	@echo 'libunp targets (results go to build/):'
	@echo '  make                 libraries, headers, the c-examples programs and unp-compare'
	@echo '  make compare         build/bin/unp-compare and its man page (compare a port with its original)'
	@echo '  make demo            run the daytime and echo client/server pairs on 127.0.0.1'
	@echo '  make check           every test (Rust unit tests, C/C++ programs static and shared)'
	@echo '  make check-sanitizers  the C-program tests under ASan+UBSan, the example pairs'
	@echo '                       under valgrind, the threaded tests under TSan and helgrind'
	@echo '  make bench           benchmarks, side by side with the classic C code'
	@echo '  make fuzz            every libFuzzer target of fuzz/ for FUZZ_SECONDS (30) seconds'
	@echo '  make fuzz-merge      minimise the committed corpus fuzz/corpus/ with what make fuzz found'
	@echo '  make headers         regenerate include/*.h from the Rust sources'
	@echo '  make man             regenerate man/man3/*.3 from include/*.h'
	@echo '  make install         PREFIX=$(PREFIX) DESTDIR= (also BINDIR, LIBDIR, INCLUDEDIR, DATADIR, MANDIR)'
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

# config.h is the book tree's (installed in share/unp), cut out of unp.h.
lib: $(B)/lib/libunp.a $(B)/lib/libunp.so.$(VERSION) $(addprefix $(B)/include/,$(HEADERS)) \
	$(B)/share/unp/config.h

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

# --- unp-compare: compares a port with its original (tools/compare, on the
# test kit in testkit/); its man page is rendered from its own argument
# definitions (clap) by unp-compare-man.
COMPARE_SRC := tools/compare/Cargo.toml $(wildcard tools/compare/src/*.rs) \
	       testkit/Cargo.toml $(wildcard testkit/src/*.rs)

$(B)/.compare-stamp: $(COMPARE_SRC)
	$(HAVE_CARGO)
	$(CARGO) build --release -p unp-compare
	@mkdir -p $(B)/bin $(B)/man/man1
	cp target/release/unp-compare $(B)/bin/unp-compare
	target/release/unp-compare-man > $(B)/man/man1/unp-compare.1.tmp
	mv $(B)/man/man1/unp-compare.1.tmp $(B)/man/man1/unp-compare.1
	@touch $@

compare: $(B)/.compare-stamp

demo: all
	@sh tests/demo.sh $(B)/bin

# --- tests and benchmarks --------------------------------------------------
# The tests use what is built here (they never run make): the libraries, the
# examples, and an installation staged in build/stage.  unp-headers (cbindgen,
# for the header drift test) is built first, with cargo's progress shown,
# rather than silently inside the test.  tests/check.sh ends the output with
# one line, `N passed, N failed, N skipped` (skipped: common::skip).
check test: lib examples compare stage book-prep
	$(HAVE_CARGO)
	$(CARGO) build --release -p unp-headers
	@sh tests/check.sh $(B)/check.log $(CARGO) test --release --no-fail-fast

# build/stage: an installation the tests read; build/unstage: installed and
# uninstalled again, which must leave nothing behind but the empty directory
# `include` that was there before (tests/man.rs checks).
stage: lib compare
	@rm -rf $(B)/stage $(B)/unstage
	@mkdir -p $(B)/unstage/include
	@$(MAKE) -s install PREFIX='$(CURDIR)/$(B)/stage' DESTDIR= >/dev/null
	@$(MAKE) -s install PREFIX='$(CURDIR)/$(B)/unstage' DESTDIR= >/dev/null
	@$(MAKE) -s uninstall PREFIX='$(CURDIR)/$(B)/unstage' DESTDIR= >/dev/null

# Sanitizers (CI runs this after make check):
#  (a) every C/C++ test program and c-example built by the tests with clang
#      -fsanitize=address,undefined -fno-sanitize-recover=all, against the
#      static and the shared library (tests/common/mod.rs, UNP_SANITIZE).
#      Leak detection is off (the book's programs keep their memory until
#      exit); allocator_may_return_null: Calloc of an impossible size must
#      reach the library's diagnostic, as with libc's allocator.  Excluded:
#      the two tests of the library's own `signal` (ASan's runtime defines
#      `signal` itself, and its definition wins over the library's in both
#      links, so the book's semantics cannot be observed) and the three of
#      connect_timeo's SIGALRM (it calls `Signal`, hence `signal`, through
#      the global symbols, as the original does: ASan's signal restarts the
#      connect), and the two
#      tests that run their program under valgrind (valgrind cannot run
#      ASan programs; tests/ifi.rs runs them in make check), and
#      gf_time_needs_no_memory, whose program replaces malloc and calloc
#      (ASan's runtime owns them).
#  (b) the example client/server pairs under valgrind memcheck.
#  (c) the threaded tests: programs built with -fsanitize=thread, then under
#      helgrind, which also sees the (uninstrumented) library's accesses.
#      Of tests/thr_compat.rs only the thr_join(0) stress: thr_misc joins a
#      detached thread on purpose (a TSan CHECK failure) and thr_windows
#      defines pthread_create and pthread_join itself (TSan's runtime owns
#      them).
# The test binaries that run C programs built by tests/common/mod.rs.
SAN_TESTS := $(addprefix --test ,addr api4 daemon echo errors fd_pass ifi io linking names overrides signal \
	timeo unload wrappers)
SAN_SKIP := --skip flags_mask_and_old_handlers --skip sigalrm_interrupts_under_the_librarys_signal \
	--skip valgrind_no_leaks --skip namespace_matches_kernel --skip gf_time_needs_no_memory \
	--skip connect_timeo_
check-sanitizers: lib examples compare stage book-prep
	$(HAVE_CARGO)
	UNP_SANITIZE=address ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(CARGO) test --release --no-fail-fast $(SAN_TESTS) -- $(SAN_SKIP)
	sh tests/memcheck.sh $(B)
	UNP_SANITIZE=thread TSAN_OPTIONS=halt_on_error=1 \
	    $(CARGO) test --release --no-fail-fast --test io --test addr --test unload
	UNP_SANITIZE=thread TSAN_OPTIONS=halt_on_error=1 \
	    $(CARGO) test --release --test thr_compat thr_join_zero_while_creations_fail
	sh tests/helgrind.sh $(B)

bench: lib
	@sh bench/run.sh
	@sh bench/readline_calls.sh

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
# `make install` copies what `make` made (lib: the libraries, config.h) and
# files of the source tree, and writes the two files that depend on PREFIX,
# LIBDIR and INCLUDEDIR (unp.pc, Make.defines) straight into their place: it
# writes nothing into build/, so `sudo make install` after `make` leaves the
# build tree to its owner.  The directories it creates are listed in
# $(DATADIR)/unp/installed-dirs, and `make uninstall` removes those when they
# are empty (tools/installdirs.sh): never a directory that was there before.
INSTALL_DIRS = "$(INCLUDEDIR)" "$(LIBDIR)/pkgconfig" "$(DATADIR)/unp/include/netinet" "$(MANDIR)/man3" \
	"$(BINDIR)" "$(MANDIR)/man1"
DIRLIST = $(DATADIR)/unp/installed-dirs
# A path in unp.pc: pkg-config reads a space escaped with a backslash.
pc-path = $(subst $(space),\\ ,$(1))

install: lib compare
	@sh tools/installdirs.sh create "$(DESTDIR)" "$(DIRLIST)" $(INSTALL_DIRS)
	install -m 644 $(addprefix include/,$(HEADERS)) "$(DESTDIR)$(INCLUDEDIR)/"
	install -m 644 $(B)/lib/libunp.a "$(DESTDIR)$(LIBDIR)/"
	install -m 755 $(B)/lib/libunp.so.$(VERSION) "$(DESTDIR)$(LIBDIR)/"
	ln -sf libunp.so.$(VERSION) "$(DESTDIR)$(LIBDIR)/libunp.so.$(SOMAJOR)"
	ln -sf libunp.so.$(SOMAJOR) "$(DESTDIR)$(LIBDIR)/libunp.so"
	sed -e 's|@PREFIX@|$(call pc-path,$(PREFIX))|' -e 's|@LIBDIR@|$(call pc-path,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(call pc-path,$(INCLUDEDIR))|' -e 's|@VERSION@|$(VERSION)|' \
	    unp.pc.in > "$(DESTDIR)$(LIBDIR)/pkgconfig/unp.pc"
	chmod 644 "$(DESTDIR)$(LIBDIR)/pkgconfig/unp.pc"
	$(call book-defines-sed,$(INCLUDEDIR),$(LIBDIR),$(DATADIR)/unp/include) > "$(DESTDIR)$(DATADIR)/unp/Make.defines"
	chmod 644 "$(DESTDIR)$(DATADIR)/unp/Make.defines"
	install -m 644 $(B)/share/unp/config.h "$(DESTDIR)$(DATADIR)/unp/"
	install -m 644 $(addprefix book/include/,$(filter-out netinet/%,$(BOOK_INC))) \
	    "$(DESTDIR)$(DATADIR)/unp/include/"
	install -m 644 $(addprefix book/include/,$(filter netinet/%,$(BOOK_INC))) \
	    "$(DESTDIR)$(DATADIR)/unp/include/netinet/"
	install -m 644 $(MANPAGES) "$(DESTDIR)$(MANDIR)/man3/"
	install -m 755 $(B)/bin/unp-compare "$(DESTDIR)$(BINDIR)/"
	install -m 644 $(B)/man/man1/unp-compare.1 "$(DESTDIR)$(MANDIR)/man1/"

uninstall:
	for h in $(HEADERS); do rm -f "$(DESTDIR)$(INCLUDEDIR)/$$h"; done
	rm -f "$(DESTDIR)$(LIBDIR)/libunp.a" "$(DESTDIR)$(LIBDIR)"/libunp.so*
	rm -f "$(DESTDIR)$(LIBDIR)/pkgconfig/unp.pc"
	rm -f "$(DESTDIR)$(DATADIR)/unp/Make.defines" "$(DESTDIR)$(DATADIR)/unp/config.h"
	for f in $(BOOK_INC); do rm -f "$(DESTDIR)$(DATADIR)/unp/include/$$f"; done
	for p in $(notdir $(MANPAGES)); do rm -f "$(DESTDIR)$(MANDIR)/man3/$$p"; done
	rm -f "$(DESTDIR)$(BINDIR)/unp-compare" "$(DESTDIR)$(MANDIR)/man1/unp-compare.1"
	@sh tools/installdirs.sh remove "$(DESTDIR)" "$(DIRLIST)"

# book/Make.defines.in with the include directory $(1), the library
# directory $(2) and the directory of thread.h $(3) filled in; a path with
# a space in double quotes (Make.defines puts the paths in commands).
mk-path = $(if $(findstring $(space),$(1)),"$(1)",$(1))
book-defines-sed = sed -e 's|@INCLUDEDIR@|$(call mk-path,$(1))|g' -e 's|@LIBDIR@|$(call mk-path,$(2))|g' \
	-e 's|@UNPINCLUDEDIR@|$(call mk-path,$(3))|g' book/Make.defines.in

# Depends on PREFIX: always regenerated.
.PHONY: $(B)/share/unp/Make.defines
book-defines: $(B)/share/unp/Make.defines $(B)/share/unp/config.h $(addprefix $(B)/share/unp/include/,$(BOOK_INC))
$(B)/share/unp/Make.defines: book/Make.defines.in
	@mkdir -p $(B)/share/unp
	$(call book-defines-sed,$(INCLUDEDIR),$(LIBDIR),$(DATADIR)/unp/include) > $@

$(B)/share/unp/include/%.h: book/include/%.h
	@mkdir -p $(@D)
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
# build/book/include (thread.h, libnet.h, netinet/ip_var.h,
# netinet/udp_var.h).  `make check` prepares build/book too; the tests run
# tools/book.sh on their miniature trees.
BB := $(CURDIR)/$(B)
book-prep: lib $(B)/share/unp/config.h
	@mkdir -p $(B)/book/include
	@cp -R book/include/. $(B)/book/include/
	@cp $(B)/share/unp/config.h $(B)/book/config.h
	@$(call book-defines-sed,$(BB)/include,$(BB)/lib,$(BB)/book/include) > $(B)/book/Make.defines

book: book-prep
	@test -n "$(BOOK)" || { echo "usage: make book BOOK=/path/to/unpv13e" >&2; exit 2; }
	@sh tools/book.sh "$(BOOK)" $(B)/book/Make.defines $(B)/book/config.h

# Without cargo (`sudo make clean` has no cargo in root's PATH): cargo's
# target directories are plain directories.
clean:
	rm -rf $(B) target tools/mangen/target

# libunp -- build, test, install.
#
#   make                 libraries, headers and example programs into build/
#   make demo            daytime and echo client/server pairs on 127.0.0.1
#   make check           every test (Rust unit tests, C programs static+shared)
#   make bench           benchmarks (side by side with the classic C code)
#   make fuzz            libFuzzer targets of fuzz/, FUZZ_SECONDS (30) each
#   make headers         regenerate include/*.h from the Rust sources
#   make install PREFIX=/usr/local DESTDIR=
#   make book-defines    build/share/unp/Make.defines for the book's source tree

PREFIX     ?= /usr/local
DESTDIR    ?=
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
CARGO      ?= cargo
CC         ?= cc
AR         ?= ar
OBJCOPY    ?= objcopy
NM         ?= nm

VERSION    := 0.1.0
SOMAJOR    := 0
HEADERS    := unp.h unpthread.h unpifi.h unprtt.h
B          := build
CFLAGS_EX  := -std=gnu11 -O2 -g -Wall -Wextra -I$(B)/include
EXAMPLES   := $(basename $(notdir $(wildcard c-examples/*.c)))

.PHONY: all lib examples demo check test bench fuzz headers install uninstall book-defines clean
all: lib examples

# --- the libraries ---------------------------------------------------------
# cargo builds target/release/libunp.{a,so}.  The archive is then made to
# behave like a C archive: every exported name is weakened, so that a program
# defining its own str_cli, readline, err_sys, ... links statically and its
# definition wins (the book does this often; see README).
RUST_SRC := Cargo.toml build.rs $(wildcard src/*.rs csrc/*.c cbindgen/*.toml)

$(B)/.cargo-stamp: $(RUST_SRC)
	$(CARGO) build --release --lib
	@mkdir -p $(B) && touch $@

$(B)/lib/libunp.a: $(B)/.cargo-stamp tools/weaken-archive.sh
	@mkdir -p $(B)/lib
	cp target/release/libunp.a $@.tmp
	NM=$(NM) OBJCOPY=$(OBJCOPY) AR=$(AR) sh tools/weaken-archive.sh $@.tmp
	mv $@.tmp $@

$(B)/lib/libunp.so.$(VERSION): $(B)/.cargo-stamp
	@mkdir -p $(B)/lib
	cp target/release/libunp.so $@
	ln -sf libunp.so.$(VERSION) $(B)/lib/libunp.so.$(SOMAJOR)
	ln -sf libunp.so.$(SOMAJOR) $(B)/lib/libunp.so

$(B)/include/%.h: include/%.h
	@mkdir -p $(B)/include
	cp $< $@

lib: $(B)/lib/libunp.a $(B)/lib/libunp.so.$(VERSION) $(addprefix $(B)/include/,$(HEADERS))

headers:
	UNP_WRITE_HEADERS=1 $(CARGO) build --release --lib

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
check test: lib
	$(CARGO) test --release

bench: lib
	@sh bench/run.sh

# --- fuzzing (clang with libFuzzer; see fuzz/run.sh) -------------------------
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_TARGETS := $(basename $(notdir $(wildcard fuzz/*.c)))
FUZZ_CFLAGS  := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I$(B)/include \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(FUZZ_EXTRA)

$(B)/fuzz/%: fuzz/%.c fuzz/fuzz.h $(B)/lib/libunp.a $(addprefix $(B)/include/,$(HEADERS))
	@mkdir -p $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(B)/lib/libunp.a -lpthread -lm

fuzz: $(addprefix $(B)/fuzz/,$(FUZZ_TARGETS))
	@sh fuzz/run.sh $(B)/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

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

uninstall:
	rm -f $(addprefix $(DESTDIR)$(INCLUDEDIR)/,$(HEADERS))
	rm -f $(DESTDIR)$(LIBDIR)/libunp.a $(DESTDIR)$(LIBDIR)/libunp.so*
	rm -f $(DESTDIR)$(LIBDIR)/pkgconfig/unp.pc
	rm -rf $(DESTDIR)$(DATADIR)/unp

book-defines:
	@mkdir -p $(B)/share/unp
	sed -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@LIBDIR@|$(LIBDIR)|' book/Make.defines.in > $(B)/share/unp/Make.defines
	cp book/config.h $(B)/share/unp/config.h

clean:
	rm -rf $(B)
	$(CARGO) clean

/*
 * PLACEHOLDER added on the `wrappers` branch only so that `make install`
 * (which runs `book-defines`) works for tests/linking.rs.  The real file is
 * written on another branch and replaces this one.  unp.h is self-contained:
 * it carries the Linux configure results itself.
 */

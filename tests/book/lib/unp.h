/* The book's own lib/unp.h stands here in the real tree (unpv13e): `make
 * book` takes its presence as the sign that BOOK= names the book's tree.
 * Never compiled: programs include the library's unp.h. */
#error "lib/unp.h of the miniature tree is never compiled"

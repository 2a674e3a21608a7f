//! Prints the man page unp-compare(1), rendered from the tool's own
//! argument definitions (`make` writes it to build/man/man1/unp-compare.1).

use std::io::Write;

fn main() {
    let page = unp_compare::man_page();
    std::io::stdout()
        .write_all(&page)
        .expect("write the man page to stdout");
}

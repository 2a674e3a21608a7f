//! unp-compare: see `unp-compare --help`, unp-compare(1) and src/lib.rs.

fn main() {
    std::process::exit(unp_compare::main_with(std::env::args_os()));
}

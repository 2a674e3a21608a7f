//! Test input that is the same on every run: a small PRNG and random text
//! lines of the kinds that trip line-oriented programs.

/// A small PRNG (splitmix64): the same numbers for the same seed, on every
/// run and machine.
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// `count` newline-terminated random lines (the same for the same `seed`):
/// mostly short printable text, some empty, some with any byte but NUL and
/// newline (8-bit, `\r`, `\t`), and some around and beyond MAXLINE (4096
/// bytes: 4094, 4095, 4096, and 4096 to 13095), which the book's line
/// functions split.
pub fn random_lines(seed: u64, count: usize) -> Vec<u8> {
    let mut r = Rng(seed);
    let mut v = Vec::new();
    for _ in 0..count {
        let len = match r.below(200) {
            0..=2 => 4096 + r.below(9000) as usize, // longer than MAXLINE
            3 => 4095,                              // MAXLINE - 1 before '\n'
            4 => 4094,
            5 => 4096,
            6..=20 => 0,
            _ => r.below(250) as usize,
        };
        let binary = r.below(10) == 0;
        for _ in 0..len {
            let c = if binary {
                1 + r.below(255) as u8
            } else {
                b' ' + r.below(95) as u8
            };
            v.push(if c == b'\n' { b'\r' } else { c });
        }
        v.push(b'\n');
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_have_every_kind() {
        let v = random_lines(1, 2000);
        let lines: Vec<&[u8]> = v.split_inclusive(|&c| c == b'\n').collect();
        assert_eq!(lines.len(), 2000);
        assert!(lines.iter().all(|l| l.ends_with(b"\n") && !l.contains(&0)));
        assert!(lines.iter().filter(|l| l.len() > 4097).count() >= 10);
        assert!(lines.iter().any(|l| l.len() == 1));
        assert!(lines.iter().any(|l| l.iter().any(|&c| c >= 0x80)));
        assert_eq!(random_lines(1, 2000), v);
        assert_ne!(random_lines(2, 2000), v);
    }
}

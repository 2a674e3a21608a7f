//! The retransmission timer of `unprtt.h` (the
//! book's `lib/rtt.c`, section 22.5).
//!
//! The estimators are `float` fields; the constants 4.0, 1000.0 and 0.5 are
//! `double`, so the arithmetic runs in double and is rounded to float on every
//! store, exactly as the C code does.  The pure arithmetic is in safe functions
//! over `&mut rtt_info` (unit-tested below); the exported functions add the
//! clock and the debug output.

use core::ffi::c_int;

/// Minimum retransmit timeout value, in seconds.
pub const RTT_RXTMIN: c_int = 2;
/// Maximum retransmit timeout value, in seconds.
pub const RTT_RXTMAX: c_int = 60;
/// Maximum number of times to retransmit.
pub const RTT_MAXNREXMT: c_int = 3;

/// The RTT estimator state of one peer (size 24).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct rtt_info {
    /// most recent measured RTT, in seconds
    pub rtt_rtt: f32,
    /// smoothed RTT estimator, in seconds
    pub rtt_srtt: f32,
    /// smoothed mean deviation, in seconds
    pub rtt_rttvar: f32,
    /// current RTO to use, in seconds
    pub rtt_rto: f32,
    /// number of times retransmitted: 0, 1, 2, ...
    pub rtt_nrexmt: c_int,
    /// seconds since 1/1/1970 at start
    pub rtt_base: u32,
}

/// Nonzero: `rtt_debug` prints the estimators to stderr.  Initially 0.
#[no_mangle]
pub static mut rtt_d_flag: c_int = 0;

/// `RTT_RTOCALC`: srtt + 4.0 * rttvar, in double.
fn rtocalc(p: &rtt_info) -> f64 {
    p.rtt_srtt as f64 + 4.0 * p.rtt_rttvar as f64
}

/// `rtt_minmax`: clamp a float to [RTT_RXTMIN, RTT_RXTMAX] with float compares.
fn minmax(rto: f32) -> f32 {
    if rto < RTT_RXTMIN as f32 {
        RTT_RXTMIN as f32
    } else if rto > RTT_RXTMAX as f32 {
        RTT_RXTMAX as f32
    } else {
        rto
    }
}

/// rtt_init's arithmetic, given the current time in seconds.
fn init_at(p: &mut rtt_info, sec: libc::time_t) {
    p.rtt_base = sec as u32;
    p.rtt_rtt = 0.0;
    p.rtt_srtt = 0.0;
    p.rtt_rttvar = 0.75;
    p.rtt_rto = minmax(rtocalc(p) as f32);
}

/// rtt_ts's arithmetic: `(sec - base) * 1000 + usec / 1000` truncated to 32 bits.
fn ts_at(p: &rtt_info, sec: libc::time_t, usec: libc::suseconds_t) -> u32 {
    sec.wrapping_sub(p.rtt_base as i64)
        .wrapping_mul(1000)
        .wrapping_add(usec / 1000) as u32
}

/// rtt_start's arithmetic: `(int)(rto + 0.5)`.
fn start(p: &rtt_info) -> c_int {
    (p.rtt_rto as f64 + 0.5) as c_int
}

/// rtt_stop's arithmetic.  `rtt - srtt` is a float subtraction (both operands
/// are float in C), widened to the double `delta`.
fn stop(p: &mut rtt_info, ms: u32) {
    p.rtt_rtt = (ms as f64 / 1000.0) as f32;
    let mut delta = (p.rtt_rtt - p.rtt_srtt) as f64;
    p.rtt_srtt = (p.rtt_srtt as f64 + delta / 8.0) as f32;
    if delta < 0.0 {
        delta = -delta;
    }
    p.rtt_rttvar = (p.rtt_rttvar as f64 + (delta - p.rtt_rttvar as f64) / 4.0) as f32;
    p.rtt_rto = minmax(rtocalc(p) as f32);
}

/// rtt_timeout's arithmetic: double the RTO (not re-clamped), count one more
/// retransmission, -1 once the count exceeds RTT_MAXNREXMT.
fn timeout(p: &mut rtt_info) -> c_int {
    p.rtt_rto *= 2.0;
    p.rtt_nrexmt = p.rtt_nrexmt.wrapping_add(1);
    if p.rtt_nrexmt > RTT_MAXNREXMT {
        -1
    } else {
        0
    }
}

fn now() -> libc::timeval {
    let mut tv = libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    // SAFETY: tv is a local out timeval and the time zone NULL, as
    // gettimeofday accepts (Gettimeofday is its wrapper, or a program's own).
    unsafe { crate::sym::Gettimeofday(&mut tv, core::ptr::null_mut()) };
    tv
}

/// Prints `rtt = %.3f, srtt = %.3f, rttvar = %.3f, rto = %.3f\n` to stderr and
/// flushes it, when `rtt_d_flag` is nonzero; otherwise does nothing.  A NULL
/// `ptr` prints nothing.
#[no_mangle]
pub unsafe extern "C" fn rtt_debug(ptr: *mut rtt_info) {
    // SAFETY: the library's own int, live for the whole program, read
    // through a raw pointer (a C program sets it).
    if unsafe { core::ptr::addr_of!(rtt_d_flag).read_volatile() } == 0 {
        return;
    }
    // SAFETY: ptr is NULL or an rtt_info (the C caller's contract).
    let Some(p) = (unsafe { ptr.as_ref() }) else {
        return;
    };
    // SAFETY: glibc's stderr stream; the format converts four doubles,
    // passed as four f64.
    unsafe {
        let err = crate::ffi::stderr;
        libc::fprintf(
            err,
            c"rtt = %.3f, srtt = %.3f, rttvar = %.3f, rto = %.3f\n".as_ptr(),
            p.rtt_rtt as f64,
            p.rtt_srtt as f64,
            p.rtt_rttvar as f64,
            p.rtt_rto as f64,
        );
        libc::fflush(err);
    }
}

/// Starts the estimator: `rtt_base` = now (seconds, via `Gettimeofday`, which
/// exits through `err_sys("gettimeofday error")`), rtt 0, srtt 0,
/// rttvar 0.75, rto 3.0.
/// `rtt_nrexmt` is **not** touched (call `rtt_newpack`).  A NULL `ptr` is
/// ignored.
#[no_mangle]
pub unsafe extern "C" fn rtt_init(ptr: *mut rtt_info) {
    let tv = now();
    // SAFETY: ptr is NULL or an rtt_info (the C caller's contract).
    if let Some(p) = unsafe { ptr.as_mut() } {
        init_at(p, tv.tv_sec);
    }
}

/// A timestamp for a packet about to be sent.  Returns the milliseconds
/// since `rtt_init`, truncated to 32 bits; 0 for a NULL `ptr`.
#[no_mangle]
pub unsafe extern "C" fn rtt_ts(ptr: *mut rtt_info) -> u32 {
    let tv = now();
    // SAFETY: ptr is NULL or an rtt_info (the C caller's contract).
    match unsafe { ptr.as_ref() } {
        Some(p) => ts_at(p, tv.tv_sec, tv.tv_usec),
        None => 0,
    }
}

/// A new packet: `rtt_nrexmt = 0`.  A NULL `ptr` is ignored.
#[no_mangle]
pub unsafe extern "C" fn rtt_newpack(ptr: *mut rtt_info) {
    // SAFETY: ptr is NULL or an rtt_info (the C caller's contract).
    if let Some(p) = unsafe { ptr.as_mut() } {
        p.rtt_nrexmt = 0;
    }
}

/// The timeout for the next transmission.  Returns it in whole seconds:
/// `(int)(rtt_rto + 0.5)` (3 after `rtt_init`), suitable for alarm(); 0 for a
/// NULL `ptr`.
///
/// Differs from the original: where `rtt_rto + 0.5` is outside int's range
/// (`rtt_timeout` doubles rto without a bound, and the structure is the
/// caller's), the result is INT_MAX above it and INT_MIN below it, and 0
/// for a NaN; the original's conversion is undefined there (on x86-64 it
/// gives INT_MIN in all three cases).
#[no_mangle]
pub unsafe extern "C" fn rtt_start(ptr: *mut rtt_info) -> c_int {
    // SAFETY: ptr is NULL or an rtt_info (the C caller's contract).
    match unsafe { ptr.as_ref() } {
        Some(p) => start(p),
        None => 0,
    }
}

/// A reply arrived after `ms` milliseconds: updates rtt, srtt (gain 1/8),
/// rttvar (gain 1/4) and rto = srtt + 4 * rttvar clamped to [2, 60].  A NULL
/// `ptr` is ignored.
#[no_mangle]
pub unsafe extern "C" fn rtt_stop(ptr: *mut rtt_info, ms: u32) {
    // SAFETY: ptr is NULL or an rtt_info (the C caller's contract).
    if let Some(p) = unsafe { ptr.as_mut() } {
        stop(p, ms);
    }
}

/// A timeout happened: doubles rto (not clamped again, so it can exceed 60) and
/// increments `rtt_nrexmt`.  Returns -1 when the new count exceeds
/// RTT_MAXNREXMT (give up), else 0; -1 for a NULL `ptr`.
///
/// Differs from the original: a count of INT_MAX wraps to INT_MIN (and the
/// result is 0), where the original's increment is undefined.
#[no_mangle]
pub unsafe extern "C" fn rtt_timeout(ptr: *mut rtt_info) -> c_int {
    // SAFETY: ptr is NULL or an rtt_info (the C caller's contract).
    match unsafe { ptr.as_mut() } {
        Some(p) => timeout(p),
        None => -1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(p: &rtt_info) -> String {
        format!(
            "rtt = {:.3}, srtt = {:.3}, rttvar = {:.3}, rto = {:.3}",
            p.rtt_rtt as f64, p.rtt_srtt as f64, p.rtt_rttvar as f64, p.rtt_rto as f64
        )
    }

    #[test]
    fn layout() {
        assert_eq!(core::mem::size_of::<rtt_info>(), 24);
        assert_eq!(core::mem::offset_of!(rtt_info, rtt_nrexmt), 16);
        assert_eq!(core::mem::offset_of!(rtt_info, rtt_base), 20);
    }

    #[test]
    fn init_values() {
        let mut p = rtt_info {
            rtt_nrexmt: 7,
            ..Default::default()
        };
        init_at(&mut p, 0x1_2345_6789);
        assert_eq!(p.rtt_base, 0x2345_6789);
        assert_eq!(
            (p.rtt_rtt, p.rtt_srtt, p.rtt_rttvar, p.rtt_rto),
            (0.0, 0.0, 0.75, 3.0)
        );
        assert_eq!(p.rtt_nrexmt, 7, "rtt_init does not touch rtt_nrexmt");
        assert_eq!(start(&p), 3);
    }

    #[test]
    fn stop_100ms() {
        let mut p = rtt_info::default();
        init_at(&mut p, 0);
        stop(&mut p, 100);
        assert_eq!(p.rtt_rtt, 0.1f32);
        assert_eq!(p.rtt_srtt, 0.0125f32);
        assert_eq!(p.rtt_rttvar, 0.5875f32);
        assert_eq!(p.rtt_rto, 2.3625f32);
        assert_eq!(
            fmt(&p),
            "rtt = 0.100, srtt = 0.013, rttvar = 0.587, rto = 2.362"
        );
        assert_eq!(start(&p), 2);
    }

    #[test]
    fn clamps() {
        let mut p = rtt_info::default();
        init_at(&mut p, 0);
        for _ in 0..20 {
            stop(&mut p, 0);
        }
        assert_eq!(p.rtt_rto, 2.0);
        stop(&mut p, 200_000);
        assert_eq!(p.rtt_rto, 60.0);
    }

    #[test]
    fn timeouts() {
        let mut p = rtt_info::default();
        init_at(&mut p, 0);
        p.rtt_nrexmt = 0;
        assert_eq!(timeout(&mut p), 0);
        assert_eq!(p.rtt_rto, 6.0);
        assert_eq!(timeout(&mut p), 0);
        assert_eq!(timeout(&mut p), 0);
        assert_eq!(p.rtt_rto, 24.0);
        assert_eq!(timeout(&mut p), -1);
        assert_eq!(p.rtt_nrexmt, 4);
        assert_eq!(p.rtt_rto, 48.0);
        assert_eq!(timeout(&mut p), -1);
        assert_eq!(p.rtt_rto, 96.0, "rtt_timeout does not re-clamp");
    }

    /// Outside int's range (the C cast is undefined) rtt_start saturates,
    /// and a NaN gives 0, as its doc comment says.
    #[test]
    fn start_extremes() {
        let at = |rto: f32| {
            start(&rtt_info {
                rtt_rto: rto,
                ..Default::default()
            })
        };
        assert_eq!(at(2147483520.0), 2147483520);
        assert_eq!(at(2147483648.0), c_int::MAX);
        assert_eq!(at(f32::INFINITY), c_int::MAX);
        assert_eq!(at(f32::MAX), c_int::MAX);
        assert_eq!(at(-2147483648.0), -2147483647); // + 0.5, truncated
        assert_eq!(at(-2147483904.0), c_int::MIN);
        assert_eq!(at(f32::NEG_INFINITY), c_int::MIN);
        assert_eq!(at(f32::NAN), 0);
        assert_eq!(at(-0.5), 0);
        assert_eq!(at(0.49999997), 0);
        let mut p = rtt_info {
            rtt_rto: 3.0,
            ..Default::default()
        };
        for _ in 0..128 {
            timeout(&mut p);
        }
        assert_eq!(p.rtt_rto, f32::INFINITY);
        assert_eq!(start(&p), c_int::MAX);
    }

    #[test]
    fn timeout_count_wraps() {
        let mut p = rtt_info {
            rtt_nrexmt: c_int::MAX,
            ..Default::default()
        };
        assert_eq!(timeout(&mut p), 0);
        assert_eq!(p.rtt_nrexmt, c_int::MIN);
    }

    #[test]
    fn ts() {
        let p = rtt_info {
            rtt_base: 1000,
            ..Default::default()
        };
        assert_eq!(ts_at(&p, 1000, 999_999), 999);
        assert_eq!(ts_at(&p, 1003, 2_500), 3002);
        assert_eq!(ts_at(&p, 999, 0), (-1000i64) as u32);
    }
}

//! Client/server sessions: a server, one client with its input, and what
//! both did.

use std::fmt;
use std::io;
use std::process::Command;
use std::time::Duration;

use crate::ns::{Netns, NsError};
use crate::proc::{start, Outcome};
use crate::wait::{wait_listening, Listener, NotReady};

/// How the server ends once the client has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Send this signal to the server's process group (the book's servers
    /// run until killed); a server that already ended is left as it is.
    Signal(i32),
    /// Wait for the server to end by itself (a server that serves a given
    /// number of clients), within the time limit.
    Exit,
}

/// A client/server session, built step by step and then run.
///
/// ```no_run
/// use unp_testkit::{Netns, Session, Status};
/// use std::process::Command;
///
/// // The book's echo pair on its fixed port 9877, in a namespace of its own.
/// let ns = Netns::new()?;
/// let out = Session::new(Command::new("./tcpserv01"), {
///     let mut c = Command::new("./tcpcli01");
///     c.arg("127.0.0.1");
///     c
/// })
/// .stdin(b"hello\n".to_vec())
/// .run_in(&ns)?;
/// assert_eq!(out.client.stdout, b"hello\n");
/// assert_eq!(out.server.status, Status::Signaled(libc::SIGTERM));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Session {
    server: Command,
    client: Command,
    stdin: Vec<u8>,
    ready: Listener,
    limit: Duration,
    stop: Stop,
}

/// What a session's two programs did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionOutcome {
    pub client: Outcome,
    pub server: Outcome,
}

/// Why a session could not be run.
#[derive(Debug)]
pub enum SessionError {
    /// No private network namespace.
    Netns(NsError),
    /// A program could not be started (missing, not executable): the
    /// error names it.
    Start(io::Error),
    /// The server kept running but never held the socket it was to hold.
    NotReady {
        waited: Duration,
        server: Outcome,
        ready: Listener,
    },
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            SessionError::Netns(e) => e.fmt(f),
            SessionError::Start(e) => e.fmt(f),
            SessionError::NotReady {
                waited,
                server,
                ready,
            } => write!(
                f,
                "the server was still running after {waited:?} without {ready}; it did: {server:?}"
            ),
        }
    }
}

impl std::error::Error for SessionError {}

impl From<NsError> for SessionError {
    fn from(e: NsError) -> Self {
        SessionError::Netns(e)
    }
}

impl Session {
    /// A session of `server` and `client`: no input, the server ready at
    /// its first socket ([`Listener::Any`]), stopped with SIGTERM, 30
    /// seconds for everything.
    pub fn new(server: Command, client: Command) -> Session {
        Session {
            server,
            client,
            stdin: Vec::new(),
            ready: Listener::Any,
            limit: Duration::from_secs(30),
            stop: Stop::Signal(libc::SIGTERM),
        }
    }

    /// The client's input.
    pub fn stdin(mut self, bytes: Vec<u8>) -> Session {
        self.stdin = bytes;
        self
    }

    /// What the server must hold before the client starts.
    pub fn ready(mut self, what: Listener) -> Session {
        self.ready = what;
        self
    }

    /// The time limit of each step (the server getting ready, the client,
    /// the server's end).
    pub fn limit(mut self, limit: Duration) -> Session {
        self.limit = limit;
        self
    }

    /// How the server ends after the client.
    pub fn stop(mut self, stop: Stop) -> Session {
        self.stop = stop;
        self
    }

    /// Runs the session in a fresh private network namespace of its own.
    pub fn run_isolated(self) -> Result<SessionOutcome, SessionError> {
        let ns = Netns::new()?;
        self.run_in(&ns)
    }

    /// Runs the session in `ns`.
    pub fn run_in(mut self, ns: &Netns) -> Result<SessionOutcome, SessionError> {
        ns.enter(&mut self.server);
        ns.enter(&mut self.client);
        self.run()
    }

    /// Runs the session in the caller's network namespace.
    ///
    /// The server starts first; once it holds its socket (or has ended:
    /// a server that fails is an outcome like any other) the client runs
    /// with its input to the end, then the server is stopped.
    pub fn run(mut self) -> Result<SessionOutcome, SessionError> {
        // The server's limit covers all three steps.
        let mut server =
            start(&mut self.server, None, self.limit * 3).map_err(SessionError::Start)?;
        let early = match wait_listening(&mut server, &self.ready, self.limit) {
            Ok(()) => None,
            Err(NotReady::Exited(out)) => Some(out),
            Err(NotReady::TimedOut(waited)) => {
                return Err(SessionError::NotReady {
                    waited,
                    server: server.stop(libc::SIGKILL),
                    ready: self.ready,
                })
            }
        };
        let client = start(&mut self.client, Some(&self.stdin), self.limit)
            .map_err(SessionError::Start)?
            .wait();
        let server = match (early, self.stop) {
            (Some(out), _) => out,
            (None, Stop::Signal(sig)) => server.stop_within(sig, Some(self.limit)),
            (None, Stop::Exit) => server.wait(),
        };
        Ok(SessionOutcome { client, server })
    }
}

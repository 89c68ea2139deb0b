//! What comes in while the app runs: terminal events, the end of the terminal's input, and
//! the signals that ask nearer to stop, all through one channel.

use std::io;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{self, Receiver};

use ratatui::crossterm::event::{self, Event};

/// What comes in from outside while the app runs.
pub(super) enum Input {
    Event(Event),
    /// The terminal's input ended (it hung up: its window closed) or failed.
    Ended,
    /// A signal arrived (SIGTERM, SIGHUP); the stop flag says what to do.
    Woken,
}

/// Terminal events, read on a thread of their own, with the end of input and signals in the
/// same channel, so the main thread notices each as it comes, never waiting on a timer for
/// it (a clock can stand still: libfaketime, a suspended machine).
///
/// crossterm's reading does not end when the terminal goes away: on a hung-up terminal it
/// reads nothing, forever, at full speed, and never returns. So a second thread waits for
/// the hang-up itself (`poll` reports it on the terminal's descriptor, with no timeout), and
/// a third for signals.
pub(super) fn read_input() -> Receiver<Input> {
    let (tx, rx) = mpsc::channel();
    let events = tx.clone();
    let _ = std::thread::Builder::new()
        .name("nearer-input".into())
        .spawn(move || {
            loop {
                let sent = match event::read() {
                    Ok(e) => events.send(Input::Event(e)),
                    Err(_) => {
                        let _ = events.send(Input::Ended);
                        break;
                    }
                };
                if sent.is_err() {
                    break;
                }
            }
        });
    #[cfg(unix)]
    {
        let hung_up = tx.clone();
        let _ = std::thread::Builder::new()
            .name("nearer-hangup".into())
            .spawn(move || {
                wait_for_hang_up(libc::STDIN_FILENO);
                let _ = hung_up.send(Input::Ended);
            });
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
        ]) {
            let _ = std::thread::Builder::new()
                .name("nearer-signals".into())
                .spawn(move || {
                    for _ in signals.forever() {
                        if tx.send(Input::Woken).is_err() {
                            break;
                        }
                    }
                });
        }
    }
    rx
}

/// Block until the terminal at `fd` hangs up (or the descriptor fails): `poll` asked for no
/// events still reports those, and waits without a timeout.
#[cfg(unix)]
fn wait_for_hang_up(fd: i32) {
    let mut watch = libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    };
    loop {
        // SAFETY: one valid pollfd, for the duration of the call.
        let n = unsafe { libc::poll(&mut watch, 1, -1) };
        if n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        if n < 0 || watch.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return;
        }
    }
}

/// SIGTERM and SIGHUP (a shutdown, a terminal window closed) end nearer as q does: the
/// check-in kept as a draft, the journal saved, the terminal restored. A second one ends it
/// at once, as they normally would.
pub(super) fn stop_on_signals() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        let _ = signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop));
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    stop
}

//! Asking for the journal's passphrase: in the terminal itself (`/dev/tty`), never from
//! arguments or the environment, never echoed, and before the app takes the screen.
//!
//! The terminal is put in a mode where nothing typed is shown and keys come one by one
//! (no echo, no line editing by the terminal, no signals from ctrl+c), and put back as it
//! was however the asking ends. Backspace deletes a character, ctrl+u the whole line,
//! ctrl+c (or the terminal closing) gives up. Prompts and messages go to the terminal too,
//! so what a command prints on its standard output (`nearer export`) stays clean.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};

use crate::journal::store::Passphrase;

/// The terminal nearer talks to for the passphrase.
pub struct Tty {
    file: File,
}

impl Tty {
    /// The controlling terminal, or an error that says one is needed.
    pub fn open() -> io::Result<Tty> {
        use std::io::IsTerminal;
        let no_terminal = || {
            io::Error::other(
                "the journal is locked, and nearer asks for its passphrase in a terminal; \
                 run it in one (a passphrase is never taken from arguments or the \
                 environment)",
            )
        };
        // Input that is not a terminal (a script, a pipe) is not a person who can type one.
        if !io::stdin().is_terminal() {
            return Err(no_terminal());
        }
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .map_err(|_| no_terminal())?;
        Ok(Tty { file })
    }

    /// Say something to the person, on a line of its own.
    pub fn say(&mut self, text: &str) -> io::Result<()> {
        let text = text.replace('\n', "\r\n");
        write!(self.file, "{text}\r\n")?;
        self.file.flush()
    }

    /// Ask for a passphrase after `prompt`. `None`: the person gave up (ctrl+c, ctrl+d on
    /// an empty line, the terminal closed).
    pub fn ask(&mut self, prompt: &str) -> io::Result<Option<Passphrase>> {
        let quiet = Quiet::on(&self.file)?;
        write!(self.file, "{prompt}")?;
        self.file.flush()?;
        let got = read_line(&mut self.file);
        drop(quiet);
        write!(self.file, "\r\n")?;
        self.file.flush()?;
        got
    }
}

/// Keys one by one, nothing shown, no signals; `Drop` puts the terminal back.
struct Quiet {
    fd: i32,
    was: libc::termios,
}

impl Quiet {
    fn on(file: &File) -> io::Result<Quiet> {
        use std::os::fd::AsRawFd;
        let fd = file.as_raw_fd();
        // SAFETY: tcgetattr and tcsetattr on a descriptor this function borrows, with a
        // termios it owns.
        unsafe {
            let mut was: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(fd, &mut was) != 0 {
                return Err(io::Error::last_os_error());
            }
            let mut quiet = was;
            quiet.c_lflag &=
                !(libc::ECHO | libc::ECHONL | libc::ICANON | libc::ISIG | libc::IEXTEN);
            quiet.c_cc[libc::VMIN] = 1;
            quiet.c_cc[libc::VTIME] = 0;
            // Set before the prompt is shown, so nothing typed after it is lost.
            if libc::tcsetattr(fd, libc::TCSAFLUSH, &quiet) != 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(Quiet { fd, was })
        }
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        // SAFETY: as in `on`, with the termios read there.
        unsafe {
            libc::tcsetattr(self.fd, libc::TCSANOW, &self.was);
        }
    }
}

/// One line of keys, as a passphrase: up to Enter.
fn read_line(tty: &mut File) -> io::Result<Option<Passphrase>> {
    let mut line: Vec<u8> = Vec::new();
    let mut byte = [0u8; 1];
    let result = loop {
        match tty.read(&mut byte) {
            Ok(0) => break None,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                wipe(&mut line);
                return Err(e);
            }
        }
        match byte[0] {
            b'\r' | b'\n' => {
                break Some(Passphrase::new(String::from_utf8_lossy(&line).into_owned()));
            }
            // Backspace: the last character (all of its bytes).
            0x7f | 0x08 => {
                while let Some(b) = line.pop() {
                    if b & 0xC0 != 0x80 {
                        break;
                    }
                }
            }
            // ctrl+u: the whole line.
            0x15 => wipe(&mut line),
            // ctrl+c; ctrl+d on an empty line.
            0x03 => break None,
            0x04 if line.is_empty() => break None,
            // An arrow or function key: its escape sequence is no part of a passphrase.
            0x1b => skip_escape(tty)?,
            b if b < 0x20 => {}
            b => line.push(b),
        }
    };
    wipe(&mut line);
    Ok(result)
}

/// Skip the rest of an escape sequence (`ESC [ ... final` or `ESC O x`).
fn skip_escape(tty: &mut File) -> io::Result<()> {
    let mut byte = [0u8; 1];
    if tty.read(&mut byte)? == 0 {
        return Ok(());
    }
    match byte[0] {
        b'[' => loop {
            if tty.read(&mut byte)? == 0 || (0x40..=0x7e).contains(&byte[0]) {
                return Ok(());
            }
        },
        b'O' => tty.read(&mut byte).map(drop),
        _ => Ok(()),
    }
}

/// Overwrite what was typed before letting the memory go.
fn wipe(bytes: &mut Vec<u8>) {
    for b in bytes.iter_mut() {
        // SAFETY: a write to a byte this function has a unique reference to; volatile so
        // it is not left out as a store nothing reads.
        unsafe { std::ptr::write_volatile(b, 0) };
    }
    bytes.clear();
}

//! Bytes a run sets aside until it needs them again: every article's rendered body and
//! the card and related-coverage line the theme renders once per article. Held on the
//! heap they grow with the archive (~4 KB an article, gigabytes for a million articles),
//! so they go to an unnamed scratch file and are read back by position when a page
//! prints them. The kernel keeps the file in its page cache while memory allows and
//! writes it out when it does not; it disappears when the last of its bytes is dropped
//! (or the process ends, however it ends).
//!
//! When no scratch file can be made (no writable temporary folder), bytes stay on the
//! heap: the build still works, it only needs more memory.

use std::fs::File;
use std::io;
use std::sync::{Arc, Mutex};

/// Where a run sets bytes aside: one scratch file per content load and per render, so
/// that a long `serve` session does not grow one file forever; the file goes when the
/// last `Spilled` in it does.
pub struct Spill(Option<Arc<Scratch>>);

/// Bytes set aside by `Spill::put`.
#[derive(Debug, Clone)]
pub enum Spilled {
    /// In a scratch file, `len` bytes from `offset`.
    File {
        scratch: Arc<Scratch>,
        offset: u64,
        len: u32,
    },
    /// Kept in memory: no scratch file, or more than a file record can say.
    Heap(Box<[u8]>),
}

/// A scratch file and where its next bytes go.
#[derive(Debug)]
pub struct Scratch {
    file: File,
    end: Mutex<u64>,
}

impl Spill {
    /// A new scratch file, or the heap when none can be made.
    pub fn new() -> Spill {
        Spill(tempfile::tempfile().ok().map(|file| {
            Arc::new(Scratch {
                file,
                end: Mutex::new(0),
            })
        }))
    }

    /// Set `bytes` aside: in the scratch file when there is one, else on the heap.
    pub fn put(&self, bytes: &[u8]) -> Spilled {
        let (Some(scratch), Ok(len)) = (&self.0, u32::try_from(bytes.len())) else {
            return Spilled::Heap(bytes.into());
        };
        // Writers take turns only to claim their range; the write itself needs no lock
        // (positional I/O), so threads rendering pages never wait on each other's disk.
        let offset = {
            let mut end = scratch.end.lock().unwrap_or_else(|e| e.into_inner());
            let offset = *end;
            *end += u64::from(len);
            offset
        };
        match write_at(&scratch.file, bytes, offset) {
            Ok(()) => Spilled::File {
                scratch: scratch.clone(),
                offset,
                len,
            },
            // A full disk: the bytes stay in memory; the claimed range is left unused.
            Err(_) => Spilled::Heap(bytes.into()),
        }
    }
}

impl Default for Spill {
    fn default() -> Self {
        Spill::new()
    }
}

impl Spilled {
    /// The bytes set aside. Fails only if the scratch file cannot be read back (an I/O
    /// error of the machine's temporary folder).
    pub fn get(&self) -> io::Result<Vec<u8>> {
        match self {
            Spilled::Heap(bytes) => Ok(bytes.to_vec()),
            Spilled::File {
                scratch,
                offset,
                len,
            } => {
                let mut bytes = vec![0; *len as usize];
                read_at(&scratch.file, &mut bytes, *offset)?;
                Ok(bytes)
            }
        }
    }

    /// `get` as text, for bytes `put` from a `str`.
    pub fn get_string(&self) -> io::Result<String> {
        String::from_utf8(self.get()?).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        let n = file.seek_write(bytes, offset)?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[n..];
        offset += n as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(file: &File, mut bytes: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        let n = file.seek_read(bytes, offset)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        bytes = &mut bytes[n..];
        offset += n as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_come_back_as_they_were_put_from_many_threads() {
        let texts: Vec<String> = (0..200)
            .map(|i| format!("<p>story {i} {}</p>", "é".repeat(i % 37)))
            .collect();
        let spill = Spill::new();
        let spilled: Vec<Spilled> = std::thread::scope(|s| {
            let handles: Vec<_> = texts
                .chunks(50)
                .map(|chunk| {
                    let spill = &spill;
                    s.spawn(move || {
                        chunk
                            .iter()
                            .map(|t| spill.put(t.as_bytes()))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        assert!(spilled.iter().all(|s| matches!(s, Spilled::File { .. })));
        for (text, spilled) in texts.iter().zip(&spilled) {
            assert_eq!(&spilled.get_string().unwrap(), text);
        }
        assert_eq!(spill.put(b"").get().unwrap(), b"");
        // What was set aside outlives the `Spill` that put it there.
        let kept = spill.put(b"kept");
        drop(spill);
        drop(spilled);
        assert_eq!(kept.get().unwrap(), b"kept");
    }
}

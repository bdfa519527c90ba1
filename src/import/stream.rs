//! A CSV file read row by row, for files too big to hold (a million activities): the same
//! spreadsheet quirks as [`super::table::Table`] — UTF-8 with or without a byte-order mark,
//! else Windows-1252; comma, semicolon or tab sniffed from the header — with memory that
//! does not grow with the file.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::ImportError;
use super::table::sniff_delimiter;

/// An open file positioned after its header.
pub struct Stream {
    /// The file as named on the command line, for messages.
    pub file: String,
    pub headers: Vec<String>,
    pub encoding: &'static str,
    pub delimiter: u8,
    /// The file's size, for the progress line.
    pub size: u64,
    reader: csv::Reader<Box<dyn Read + Send>>,
    lines: Arc<Mutex<Lines>>,
}

/// Where the lines end in the text the reader has been given but not yet passed: the
/// reader's own line count skips blank lines, so lines are counted here.
#[derive(Default)]
struct Lines {
    /// Offsets of the line ends not yet passed, in order.
    ends: VecDeque<u64>,
    /// Line ends already passed.
    passed: u64,
}

impl Lines {
    /// The line a byte offset is on; offsets asked for only grow.
    fn line_of(&mut self, mut byte: u64) -> u64 {
        while self.ends.front().is_some_and(|end| *end < byte) {
            self.ends.pop_front();
            self.passed += 1;
        }
        // After blank lines the reader says the record starts on them.
        while self.ends.front() == Some(&byte) {
            self.ends.pop_front();
            self.passed += 1;
            byte += 1;
        }
        self.passed + 1
    }
}

impl Stream {
    /// Opens a file: one quick pass tells its encoding, then the header is read.
    pub fn open(path: &Path) -> Result<Stream, ImportError> {
        let file = path.display().to_string();
        let fail = |err: std::io::Error| ImportError::File(format!("{file}: {err}"));
        let size = std::fs::metadata(path).map_err(fail)?.len();
        let (bom, utf8) = utf8_check(File::open(path).map_err(fail)?).map_err(fail)?;
        let mut input = BufReader::with_capacity(1 << 16, File::open(path).map_err(fail)?);
        if bom {
            input.consume(3);
        }
        let (reader, encoding): (Box<dyn Read + Send>, _) =
            if utf8 { (Box::new(input), "UTF-8") } else { (Box::new(Decoding::new(input)), "Windows-1252") };
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        // The separator is the header line's: look at it without consuming it.
        let head = reader.fill_buf().map_err(fail)?;
        let delimiter = sniff_delimiter(&String::from_utf8_lossy(head));
        let lines = Arc::new(Mutex::new(Lines::default()));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(Box::new(LineEnds { inner: reader, after_cr: false, at: 0, lines: lines.clone() })
                as Box<dyn Read + Send>);
        let mut header = csv::StringRecord::new();
        match reader.read_record(&mut header) {
            Ok(true) => {}
            Ok(false) => {
                return Err(ImportError::File(format!("{file}: the file is empty: a header line is expected")));
            }
            Err(err) => return Err(ImportError::File(format!("{file}: {err}"))),
        }
        let headers = header.iter().map(|h| h.trim().to_string()).collect();
        Ok(Stream { file, headers, encoding, delimiter, size, reader, lines })
    }

    /// Reads the next data row into `record`, trimmed, and returns its line; `None` at the
    /// end. Blank lines and rows of empty cells are skipped.
    pub fn next_row(&mut self, record: &mut csv::StringRecord) -> Result<Option<u64>, ImportError> {
        loop {
            match self.reader.read_record(record) {
                Ok(false) => return Ok(None),
                Ok(true) => {
                    record.trim();
                    if record.iter().all(str::is_empty) {
                        continue;
                    }
                    let byte = record.position().map_or(0, csv::Position::byte);
                    return Ok(Some(self.line_of(byte)));
                }
                Err(err) => {
                    let line = self.line_of(err.position().map_or(0, csv::Position::byte));
                    return Err(ImportError::File(format!("{}:{line}: {err}", self.file)));
                }
            }
        }
    }

    fn line_of(&self, byte: u64) -> u64 {
        self.lines.lock().map_or(0, |mut lines| lines.line_of(byte))
    }

    /// How far into the file the reader is, in bytes of the decoded text.
    pub fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The column whose header is `name`, in any case.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h.eq_ignore_ascii_case(name.trim()))
    }
}

/// Whether the file starts with a UTF-8 byte-order mark, and whether all of it is UTF-8.
fn utf8_check(mut file: File) -> std::io::Result<(bool, bool)> {
    let mut buf = vec![0u8; 1 << 16];
    let mut carry = 0usize;
    let mut first = true;
    loop {
        let n = file.read(&mut buf[carry..])?;
        let end = carry + n;
        let mut chunk = &buf[..end];
        if first {
            first = false;
            if chunk.starts_with(b"\xEF\xBB\xBF") {
                // A mark says UTF-8 whatever follows: decoded lossily, like Table does.
                return Ok((true, true));
            }
        }
        if n == 0 {
            return Ok((false, std::str::from_utf8(chunk).is_ok()));
        }
        match std::str::from_utf8(chunk) {
            Ok(_) => carry = 0,
            // A character cut by the end of the buffer: keep its first bytes for the next read.
            Err(err) if err.error_len().is_none() => {
                let valid = err.valid_up_to();
                chunk = &buf[valid..end];
                carry = chunk.len();
                buf.copy_within(valid..end, 0);
            }
            Err(_) => return Ok((false, false)),
        }
    }
}

/// CRLF and lone CR (old Mac files) read as LF: the reader counts lines by LF, and with
/// CRLF it would start each record on the LF, a line early. Inside quoted fields too:
/// a note's line breaks come out as LF, as the app stores them.
struct LineEnds<R> {
    inner: R,
    after_cr: bool,
    /// Bytes given so far.
    at: u64,
    lines: Arc<Mutex<Lines>>,
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let mut kept = 0;
            let mut lines = self.lines.lock().map_err(|_| std::io::Error::other("line counter poisoned"))?;
            for i in 0..n {
                let byte = buf[i];
                if byte == b'\n' && self.after_cr {
                    self.after_cr = false;
                    continue;
                }
                self.after_cr = byte == b'\r';
                let byte = if self.after_cr { b'\n' } else { byte };
                if byte == b'\n' {
                    lines.ends.push_back(self.at + kept as u64);
                }
                buf[kept] = byte;
                kept += 1;
            }
            drop(lines);
            self.at += kept as u64;
            // A read that was only the LF of a CRLF: read on rather than say "end of file".
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// Windows-1252 bytes read as UTF-8 text.
struct Decoding<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    output: Vec<u8>,
    at: usize,
    done: bool,
}

impl<R: Read> Decoding<R> {
    fn new(inner: R) -> Decoding<R> {
        Decoding {
            inner,
            decoder: encoding_rs::WINDOWS_1252.new_decoder_without_bom_handling(),
            input: vec![0; 1 << 15],
            output: Vec::new(),
            at: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.output.len() && !self.done {
            let n = self.inner.read(&mut self.input)?;
            let last = n == 0;
            self.output.clear();
            self.output.resize(self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 3 + 16), 0);
            let (_, _, written, _) = self.decoder.decode_to_utf8(&self.input[..n], &mut self.output, last);
            self.output.truncate(written);
            self.at = 0;
            self.done = last;
        }
        let n = buf.len().min(self.output.len() - self.at);
        buf[..n].copy_from_slice(&self.output[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> (Stream, Vec<(u64, Vec<String>)>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, bytes).unwrap();
        let mut stream = Stream::open(&path).unwrap();
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while let Some(line) = stream.next_row(&mut record).unwrap() {
            out.push((line, record.iter().map(String::from).collect()));
        }
        (stream, out)
    }

    #[test]
    fn reads_what_the_whole_file_reader_reads() {
        let bytes =
            b"Nom;Montant;Note\r\nCaf\xe9 Dupr\xe9;36 500,00;\"deux\r\nlignes; et \"\"guillemets\"\"\"\r\n;;\r\nB;2;x\r\n\r\nC;3;y\r\n";
        let (stream, rows) = read_all(bytes);
        assert_eq!((stream.encoding, stream.delimiter), ("Windows-1252", b';'));
        assert_eq!(stream.headers, ["Nom", "Montant", "Note"]);
        assert_eq!(rows[0].1, ["Café Dupré", "36 500,00", "deux\nlignes; et \"guillemets\""]);
        let lines: Vec<u64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [2, 5, 7], "a quoted line break moves the next row's line; empty rows are skipped");
        let (_, rows) = read_all(b"a,b\n1,2\n\n\"x\ny\",3\n4,5\n");
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 4, 6], "the same with LF");

        let (stream, rows) = read_all(b"\xEF\xBB\xBFId\tName\nA1\tAcme\n");
        assert_eq!((stream.headers[0].as_str(), stream.delimiter), ("Id", b'\t'));
        assert_eq!(rows[0].1, ["A1", "Acme"]);
    }

    #[test]
    fn a_character_cut_by_the_buffer_is_still_utf8() {
        // 'é' straddling the 64 KiB boundary of the encoding check.
        let mut bytes = b"a,b\n".to_vec();
        bytes.resize((1 << 16) - 1, b'x');
        bytes.extend("é,1\n".as_bytes());
        let (stream, rows) = read_all(&bytes);
        assert_eq!(stream.encoding, "UTF-8");
        assert!(rows[0].1[0].ends_with('é'));
    }
}

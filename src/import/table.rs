//! A CSV file as spreadsheets and CRMs save it, read into rows of text: UTF-8 with or
//! without a byte-order mark, else Windows-1252 (what a French Excel "CSV" is); comma,
//! semicolon or tab separators, sniffed from the header line; quoted fields with
//! separators, quotes and line breaks; CRLF; empty trailing columns.

use std::path::Path;

use super::ImportError;

/// The cells of one data row and the line of the file it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

/// A whole file: its header and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The file as named on the command line, for messages.
    pub file: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// How it was read, for the summary: "UTF-8, ';'".
    pub encoding: &'static str,
    pub delimiter: u8,
}

impl Table {
    /// Reads a file; a file that cannot be read, or has no header, says so with its name.
    pub fn read(path: &Path) -> Result<Table, ImportError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|err| ImportError::File(format!("{file}: {err}")))?;
        Table::parse(&file, &bytes)
    }

    /// Reads the bytes of a file named `file`.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Table, ImportError> {
        let (text, encoding) = decode(bytes);
        // CRLF and lone CR (old Mac files) read as LF, inside quoted fields too, as the
        // streaming reader does: lines are then counted by LF alone.
        let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
        let delimiter = sniff_delimiter(&text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let headers = match records.next() {
            Some(Ok(record)) => record.iter().map(|h| h.trim().to_string()).collect::<Vec<_>>(),
            Some(Err(err)) => return Err(ImportError::File(format!("{file}: {err}"))),
            None => return Err(ImportError::File(format!("{file}: the file is empty: a header line is expected"))),
        };
        let mut rows = Vec::new();
        // Lines counted from the bytes: the reader's own count skips blank lines.
        let (mut counted_to, mut line_at) = (0usize, 1u64);
        let bytes = text.as_bytes();
        let mut line_of = |byte: u64| {
            let mut byte = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
            if byte > counted_to {
                line_at += bytes[counted_to..byte].split(|b| *b == b'\n').count() as u64 - 1;
                counted_to = byte;
            }
            // After blank lines the reader says the record starts on them.
            while bytes.get(byte) == Some(&b'\n') {
                line_at += 1;
                byte += 1;
                counted_to = byte;
            }
            line_at
        };
        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(err) => {
                    let line = err.position().map_or(0, |p| line_of(p.byte()));
                    return Err(ImportError::File(format!("{file}:{line}: {err}")));
                }
            };
            let line = record.position().map_or(0, |p| line_of(p.byte()));
            let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
            // Blank lines and rows of empty cells (a spreadsheet's trailing rows) are no data.
            if cells.iter().all(String::is_empty) {
                continue;
            }
            rows.push(Row { line, cells });
        }
        Ok(Table { file: file.to_string(), headers, rows, encoding, delimiter })
    }

    /// The column whose header is `name`, in any case.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h.eq_ignore_ascii_case(name.trim()))
    }
}

impl Row {
    /// The cell of a column; empty past the end of a short row.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

/// The text of the file and the encoding it was read in.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), "UTF-8");
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    (text.into_owned(), "Windows-1252")
}

/// The separator of the header line: the most frequent of `,` `;` tab outside quotes.
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in text.bytes() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    // Ties go to the comma, the format's own separator.
    counts.iter().max_by_key(|(d, n)| (*n, *d == b',')).map_or(b',', |(d, _)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_files_are_read_as_they_are_saved() {
        // A French Excel file: Windows-1252, semicolons, CRLF, a quoted field with a line break.
        let bytes =
            b"Nom;Montant;Note\r\nCaf\xe9 Dupr\xe9;36 500,00;\"deux\r\nlignes; et \"\"guillemets\"\"\"\r\n;;\r\n";
        let t = Table::parse("deals.csv", bytes).unwrap();
        assert_eq!((t.encoding, t.delimiter), ("Windows-1252", b';'));
        assert_eq!(t.headers, ["Nom", "Montant", "Note"]);
        assert_eq!(t.rows.len(), 1, "the row of empty cells is no data");
        assert_eq!(t.rows[0].cells, ["Café Dupré", "36 500,00", "deux\nlignes; et \"guillemets\""]);
        assert_eq!(t.rows[0].line, 2);

        let bom = b"\xEF\xBB\xBFId,Name,,\nA1,\"Acme, Inc\",,\nA2,Globex\n";
        let t = Table::parse("x.csv", bom).unwrap();
        assert_eq!(t.headers[0], "Id", "the byte-order mark is not part of the first header");
        assert_eq!(t.rows[0].cell(1), "Acme, Inc");
        assert_eq!(t.rows[1].cell(3), "", "a short row reads as empty cells");
        assert_eq!(t.rows[1].line, 3);

        let blank = Table::parse("x.csv", b"a,b\r\n1,2\r\n\r\n3,4\r\n\n5,6\n\"x\ry\",7\r8,9\n").unwrap();
        let lines: Vec<u64> = blank.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 6, 7, 9], "blank lines, CRLF, a lone CR inside quotes and as a line end");

        let tabs = Table::parse("t.tsv", b"a\tb\n1\t2\n").unwrap();
        assert_eq!(tabs.delimiter, b'\t');
        assert!(Table::parse("e.csv", b"").unwrap_err().to_string().contains("empty"));
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // A cheap fuzz: every prefix and a few mutations of a tricky file.
        let base = b"a;\"b\nc\";d\r\n\"\xff\xfe\";\"\"\"\n;;;\n\"unterminated".to_vec();
        for end in 0..base.len() {
            let _ = Table::parse("f.csv", &base[..end]);
            let mut flipped = base.clone();
            flipped[end] ^= 0x5a;
            let _ = Table::parse("f.csv", &flipped);
        }
    }
}

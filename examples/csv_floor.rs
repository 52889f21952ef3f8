//! The physical floor for `bench/compare`: the csv crate alone parsing a catalog, one core, no
//! decoding, no interpretation. Prints the number of records and bytes it read.
//!
//! ```sh
//! cargo run --release --example csv_floor -- statewide.csv
//! ```

use std::io::Write as _;
use std::process::ExitCode;

fn count(path: &str) -> csv::Result<(u64, u64)> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_path(path)?;
    let mut record = csv::ByteRecord::new();
    let (mut records, mut bytes) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        records += 1;
        bytes += record.as_slice().len() as u64;
    }
    Ok((records, bytes))
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        let _ = writeln!(std::io::stderr(), "usage: csv_floor FILE.csv");
        return ExitCode::from(2);
    };
    match count(&path) {
        Ok((records, bytes)) => {
            let _ = writeln!(std::io::stdout(), "{records} records, {bytes} field bytes");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "csv_floor: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}

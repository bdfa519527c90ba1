//! The interactive app.

use crate::clock::Clock;
use crate::error::Error;
use crate::script::Script;
use crate::store::Store;

pub fn run(store: Store, script: Script, clock: Clock, rep: Option<&str>) -> Result<(), Error> {
    let _ = (store, script, clock, rep);
    Ok(())
}

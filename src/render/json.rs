//! `briefing.json`, the model itself, and `briefing.schema.json`, its JSON
//! Schema generated from the Rust types so that the two cannot drift apart.

use super::{RenderError, Sink};
use crate::model::Briefing;

pub fn render(briefing: &Briefing, sink: &dyn Sink) -> Result<(), RenderError> {
    let mut json = serde_json::to_vec_pretty(briefing)?;
    json.push(b'\n');
    sink.write("briefing.json", &json)?;
    let mut schema = serde_json::to_vec_pretty(&schema())?;
    schema.push(b'\n');
    sink.write("briefing.schema.json", &schema)
}

/// The JSON Schema of `briefing.json`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(Briefing)
}

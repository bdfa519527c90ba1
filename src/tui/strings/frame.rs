//! The frame around the panes: the header, the too-small screen, the welcome screen.

// ----- header -----------------------------------------------------------------------

// ----- terminal too small -----------------------------------------------------------

pub fn too_small(width: u16, height: u16, min_width: u16, min_height: u16) -> String {
    format!(
        "sparring needs a terminal of at least {min_width}×{min_height}; this one is {width}×{height}. \
         Enlarge the window, or press q to quit."
    )
}

// ----- welcome (empty database) -----------------------------------------------------

pub const WELCOME_TITLE: &str = " Welcome to sparring ";

pub fn welcome_lines(db_path: &str) -> Vec<String> {
    vec![
        "This database has no reps and no deals yet:".to_string(),
        format!("  {db_path}"),
        String::new(),
        "Try it on a demo team (6 reps, 150 deals, six months of activity):".to_string(),
        "  sparring --demo".to_string(),
        String::new(),
        "Or bring your team's deals: press i and name your CRM's export".to_string(),
        "(Salesforce, HubSpot, Pipedrive), or add them by hand:".to_string(),
        "  sparring add rep \"Ada Lovelace\"".to_string(),
        "  sparring add deal --rep \"Ada Lovelace\" --account \"Acme\" \\".to_string(),
        "      --name \"Rollout\" --amount 48000 --stage \"Needs Analysis\"".to_string(),
        String::new(),
        "Stages accept Salesforce, HubSpot and Pipedrive stage names.".to_string(),
        "To use your own questions.toml, see sparring --help.".to_string(),
        String::new(),
        "Press q to quit.".to_string(),
    ]
}

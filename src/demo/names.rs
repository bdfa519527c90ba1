//! The demo's vocabularies: people, companies, deals, and the channel / segment / message
//! words shared by deals and activities (the dashboard groups by them, so they must match).

/// Rep and contact first names: an international team, with accents to exercise Unicode.
pub const FIRST_NAMES: [&str; 40] = [
    "Chloé", "Léa", "José", "Marco", "Sofía", "Jonas", "Aïcha", "Thomas", "Inès", "Björn", "Priya", "Lucas", "Hélène",
    "Mateo", "Emma", "Kenji", "Zoë", "Rafael", "Nadia", "Oliver", "Camille", "Søren", "Amélie", "Diego", "Fatou",
    "Julien", "Ingrid", "Tomás", "Yasmine", "Lukas", "Clara", "João", "Anouk", "Mehdi", "Elena", "Noah", "Marta",
    "Hugo", "Aylin", "Pietro",
];

/// As many last names as first names: `rep_name` relies on the two lengths being equal.
pub const LAST_NAMES: [&str; 40] = [
    "Martin",
    "García",
    "Müller",
    "Rossi",
    "Dubois",
    "Jansen",
    "Nowak",
    "Silva",
    "Lefèvre",
    "Andersson",
    "Novák",
    "Moreau",
    "Fernández",
    "Schmidt",
    "Bianchi",
    "Laurent",
    "Kowalski",
    "Costa",
    "Girard",
    "Nielsen",
    "Petit",
    "Romano",
    "Fischer",
    "Dupont",
    "Ortega",
    "Weber",
    "Haddad",
    "Leroy",
    "Santos",
    "Eriksson",
    "Mercier",
    "Vidal",
    "Bauer",
    "Rousseau",
    "Ferreira",
    "Okafor",
    "Nguyen",
    "Tanaka",
    "Yılmaz",
    "Kaya",
];

pub const MANAGERS: [&str; 8] = [
    "Claire Fontaine",
    "Stefan Holm",
    "Valeria Conti",
    "Arjun Mehta",
    "Margaux Brun",
    "Henrik Lund",
    "Beatriz Lopes",
    "Karim Benali",
];

pub const TEAMS: [&str; 8] = [
    "Enterprise West",
    "Enterprise North",
    "Mid-Market South",
    "Public & Health",
    "Industry East",
    "Financial Services",
    "Retail & Consumer",
    "Strategic Accounts",
];

/// Reps per team (and per manager) once the demo team grows past one team.
pub const TEAM_SIZE: usize = 8;

/// The rep at `index` gets a unique name for any team size: first names cycle fastest, and
/// the last name shifts by one each time the first names wrap, so a pair never repeats
/// within `FIRST_NAMES.len()²` reps; beyond that a number is added.
pub fn rep_name(index: usize, first_offset: usize, last_offset: usize) -> String {
    let (f, l) = (FIRST_NAMES.len(), LAST_NAMES.len());
    let round = index / f;
    let first = FIRST_NAMES[(index + first_offset) % f];
    let last = LAST_NAMES[(index + round + last_offset) % l];
    let block = index / (f * l);
    if block == 0 { format!("{first} {last}") } else { format!("{first} {last} {}", block + 1) }
}

/// `Chloé Lefèvre` → `chloe.lefevre`: e-mail addresses stay ASCII.
pub fn email_local_part(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        let folded = match ch {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
            'ł' => 'l',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            ' ' => '.',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            c => c.to_lowercase().next().filter(char::is_ascii_alphanumeric).unwrap_or('-'),
        };
        out.push(folded);
    }
    out
}

/// Where a touch went out or where a meeting came from (`activities.channel`, `deals.source_channel`).
pub const CHANNELS: [&str; 5] = ["phone", "email", "linkedin", "events", "partner"];
pub const PHONE: usize = 0;
pub const EMAIL: usize = 1;
pub const LINKEDIN: usize = 2;
pub const EVENTS: usize = 3;

/// Who was targeted (`activities.segment`, `deals.segment`).
pub const SEGMENTS: [&str; 6] =
    ["Retail", "Manufacturing", "Healthcare", "Financial services", "Public sector", "Logistics"];
pub const RETAIL: usize = 0;
pub const MANUFACTURING: usize = 1;
pub const HEALTHCARE: usize = 2;
pub const FINANCE: usize = 3;
pub const PUBLIC: usize = 4;
pub const LOGISTICS: usize = 5;

/// Campaigns (`activities.message`).
pub const MESSAGES: [&str; 5] =
    ["Cost of downtime", "Compliance 2027", "Peer case study", "Cloud cost review", "Supply chain visibility"];
pub const DOWNTIME: usize = 0;
pub const COMPLIANCE: usize = 1;
pub const PEER_CASE: usize = 2;
pub const SUPPLY_CHAIN: usize = 4;

/// Invented company stems, combined with a sector word for each segment.
const STEMS: [&str; 40] = [
    "Nordwind",
    "Bellerive",
    "Alcora",
    "Vantis",
    "Meridia",
    "Kestrel",
    "Brightwater",
    "Arvella",
    "Corvane",
    "Delmar",
    "Eskerl",
    "Falkenrot",
    "Granvia",
    "Halden",
    "Iberis",
    "Juniper",
    "Kalmar",
    "Lumen",
    "Montclair",
    "Novara",
    "Orsolo",
    "Pyrène",
    "Quaranta",
    "Rivenhall",
    "Saltrock",
    "Tessaro",
    "Ulmbach",
    "Valdemar",
    "Westhaven",
    "Ysolde",
    "Zephyr",
    "Bergström",
    "Castellan",
    "Dunmore",
    "Elbtal",
    "Ferrand",
    "Gironde",
    "Hauteville",
    "Isarwerk",
    "Lagunaria",
];

const CITIES: [&str; 24] = [
    "Lyon",
    "Porto",
    "Graz",
    "Lille",
    "Bologna",
    "Ghent",
    "Malmö",
    "Zaragoza",
    "Nantes",
    "Utrecht",
    "Kraków",
    "Aarhus",
    "Bilbao",
    "Montpellier",
    "Leipzig",
    "Turin",
    "Rennes",
    "Gdańsk",
    "Linz",
    "Sevilla",
    "Tampere",
    "Groningen",
    "Brno",
    "Coimbra",
];

/// Sector words per segment, in `SEGMENTS` order.
const SECTOR_WORDS: [[&str; 5]; 6] = [
    ["Retail Group", "Stores", "Marché", "Fashion", "Distribution"],
    ["Industries", "Components", "Metallwerk", "Plastics", "Machinery"],
    ["Health", "Clinics", "Medical", "Laboratoires", "Care Group"],
    ["Bank", "Assurances", "Capital", "Mutual", "Insurance"],
    ["City of {}", "{} Metropolitan Council", "{} Transit Authority", "Region of {}", "{} Water Board"],
    ["Logistics", "Freight", "Transport", "Shipping", "Cargo"],
];

/// Legal forms, so that a large demo has thousands of distinct accounts; the empty ones
/// make a plain name the most common.
pub const LEGAL_FORMS: [&str; 10] = ["", "", "", " SA", " GmbH", " Ltd", " S.p.A.", " BV", " AB", " Oy"];

/// An account name that fits its segment, e.g. "Kestrel Components GmbH" or "City of Ghent".
pub fn account(segment: usize, stem: usize, word: usize, form: usize) -> String {
    let words = &SECTOR_WORDS[segment % SECTOR_WORDS.len()];
    let pattern = words[word % words.len()];
    if pattern.contains("{}") {
        pattern.replace("{}", CITIES[stem % CITIES.len()])
    } else {
        format!("{} {pattern}{}", STEMS[stem % STEMS.len()], LEGAL_FORMS[form % LEGAL_FORMS.len()])
    }
}

pub const ACCOUNT_STEMS: usize = STEMS.len();

pub const DEAL_NAMES: [&str; 30] = [
    "Platform rollout",
    "Security audit renewal",
    "Predictive maintenance pilot",
    "Data platform migration",
    "Customer portal redesign",
    "Multi-site expansion",
    "Compliance reporting module",
    "Disaster recovery upgrade",
    "Field service mobility",
    "Procurement automation",
    "Analytics suite",
    "Three-year renewal",
    "ERP integration",
    "Cloud cost optimisation",
    "Supplier risk monitoring",
    "Warehouse visibility",
    "Patient scheduling",
    "Identity & access management",
    "Group-wide licence",
    "Proof of concept",
    "Phase 2 extension",
    "Helpdesk consolidation",
    "Energy monitoring",
    "Quality traceability",
    "Fraud detection pilot",
    "Document management",
    "Plant connectivity",
    "E-invoicing rollout",
    "Omnichannel stock",
    "Onboarding & training package",
];

pub const SPONSOR_ROLES: [&str; 12] = [
    "CFO",
    "COO",
    "CIO",
    "Head of IT Operations",
    "VP Supply Chain",
    "Plant Director",
    "Chief Digital Officer",
    "Head of Procurement",
    "CISO",
    "Head of Customer Service",
    "Finance Director",
    "Managing Director",
];

/// The next steps that suit stage `stage` of a process of `stages` stages.
pub fn next_steps(stage: usize, stages: usize) -> &'static [&'static str] {
    &NEXT_STEPS[(stage * NEXT_STEPS.len() / stages).min(NEXT_STEPS.len() - 1)]
}

/// Next steps, by how far the deal is in the process: early, middle, late.
pub const NEXT_STEPS: [[&str; 5]; 3] = [
    [
        "Discovery call with the operations lead",
        "Workshop to map the current process",
        "Intro meeting with the IT architect",
        "Share the peer case study and book a follow-up",
        "Second call to confirm the pain with the team",
    ],
    [
        "Value workshop with the sponsor",
        "Demo for the wider team",
        "Meet the decision committee",
        "Send the business case draft for review",
        "Reference call with a peer customer",
    ],
    [
        "Proposal walkthrough with the CFO",
        "Security questionnaire review",
        "Legal redlines call",
        "Signature meeting",
        "Agree the mutual close plan",
    ],
];

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn rep_names_are_unique_for_a_thousand_reps() {
        let names: HashSet<String> = (0..1_000).map(|i| rep_name(i, 7, 13)).collect();
        assert_eq!(names.len(), 1_000);
        let more: HashSet<String> = (0..3_300).map(|i| rep_name(i, 0, 0)).collect();
        assert_eq!(more.len(), 3_300);
    }

    #[test]
    fn emails_are_ascii() {
        assert_eq!(email_local_part("Chloé Lefèvre"), "chloe.lefevre");
        assert_eq!(email_local_part("Aylin Yılmaz"), "aylin.yilmaz");
        assert_eq!(email_local_part("Søren Müller 2"), "soren.muller.2");
        for first in FIRST_NAMES {
            for last in LAST_NAMES {
                assert!(email_local_part(&format!("{first} {last}")).is_ascii());
            }
        }
    }

    #[test]
    fn accounts_fit_their_segment() {
        assert_eq!(account(MANUFACTURING, 5, 1, 0), "Kestrel Components");
        assert_eq!(account(MANUFACTURING, 5, 1, 4), "Kestrel Components GmbH");
        assert_eq!(account(PUBLIC, 5, 0, 4), "City of Ghent");
    }
}

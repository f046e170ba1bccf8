//! What the demo register is made of: kinds of kit with plausible makers,
//! models, prices and lifetimes, sites, people, and the work that happens to
//! each kind of kit. Plain data, no logic.

/// One kind of kit the generator can pick.
pub(super) struct Kind {
    /// Category name as seeded in the schema.
    pub category: &'static str,
    /// Relative weight when picking a kind.
    pub weight: u32,
    pub tag_prefix: &'static str,
    /// Host-name prefix; None for kit without a network identity.
    pub host_prefix: Option<&'static str>,
    /// Mounted in a rack (gets a rack and a rack unit).
    pub racked: bool,
    /// Assigned to a person (otherwise to a team).
    pub personal: bool,
    pub roles: &'static [&'static str],
    /// (manufacturer, model, price range in whole euros).
    pub models: &'static [(&'static str, &'static str, u32, u32)],
    /// Years from purchase to end of life.
    pub lifetime_years: u32,
    /// Years of manufacturer warranty, picked from.
    pub warranty_years: &'static [u32],
    /// Whether a support contract is usual.
    pub support_contract: bool,
    /// Recurring maintenance: (title, interval, unit, fixed, minutes, checklist JSON).
    pub plans: &'static [(&'static str, u32, &'static str, bool, u32, &'static str)],
    /// Repairs: (summary, parts used).
    pub repairs: &'static [(&'static str, &'static str)],
}

pub(super) const KINDS: &[Kind] = &[
    Kind {
        category: "Server",
        weight: 8,
        tag_prefix: "SRV",
        host_prefix: Some("srv"),
        racked: true,
        personal: false,
        roles: &[
            "Hypervisor host",
            "Database server",
            "File server",
            "Backup server",
            "Web server",
            "Domain controller",
        ],
        models: &[
            ("Dell", "PowerEdge R750", 7000, 18000),
            ("Dell", "PowerEdge R650", 5000, 12000),
            ("HPE", "ProLiant DL380 Gen10", 6000, 16000),
            ("Lenovo", "ThinkSystem SR650", 5500, 14000),
        ],
        lifetime_years: 6,
        warranty_years: &[3, 5],
        support_contract: true,
        plans: &[
            (
                "Apply firmware and BIOS updates",
                3,
                "months",
                false,
                60,
                r#"["Check release notes","Update iDRAC/iLO","Update BIOS","Reboot in window"]"#,
            ),
            (
                "Test restore from backup",
                1,
                "months",
                true,
                45,
                r#"["Restore a sample","Verify checksum"]"#,
            ),
        ],
        repairs: &[
            ("Replaced failed PSU", "PSU 800W"),
            ("Replaced degraded disk in RAID", "SAS disk 1.2TB"),
            ("Reseated DIMM after ECC errors", "DIMM 32GB"),
            ("Replaced system board", "System board"),
            ("Fan failure fixed", "Fan module"),
        ],
    },
    Kind {
        category: "Switch",
        weight: 8,
        tag_prefix: "SW",
        host_prefix: Some("sw"),
        racked: true,
        personal: false,
        roles: &[
            "Core switch",
            "Access switch",
            "Distribution switch",
            "Top-of-rack switch",
        ],
        models: &[
            ("Cisco", "Catalyst 9300", 4000, 9000),
            ("Cisco", "Catalyst 9200", 2000, 5000),
            ("HPE Aruba", "2930F", 1500, 3500),
            ("Juniper", "EX2300", 1500, 3000),
        ],
        lifetime_years: 7,
        warranty_years: &[1, 5],
        support_contract: true,
        plans: &[(
            "Apply firmware",
            6,
            "months",
            false,
            30,
            r#"["Backup config","Upgrade","Verify uplinks"]"#,
        )],
        repairs: &[
            ("Replaced failed SFP module", "SFP-10G-SR"),
            ("Port flapping fixed by cable swap", "Patch cable"),
            ("Replaced fan tray", "Fan tray"),
            ("Recovered from failed firmware upgrade", ""),
        ],
    },
    Kind {
        category: "Router",
        weight: 2,
        tag_prefix: "RTR",
        host_prefix: Some("rtr"),
        racked: true,
        personal: false,
        roles: &["WAN router", "Branch router"],
        models: &[
            ("Cisco", "ISR 4331", 2500, 5000),
            ("Juniper", "MX204", 15000, 25000),
            ("MikroTik", "CCR2004", 500, 900),
        ],
        lifetime_years: 7,
        warranty_years: &[1, 3],
        support_contract: true,
        plans: &[(
            "Apply firmware",
            6,
            "months",
            false,
            30,
            r#"["Backup config","Upgrade","Check BGP"]"#,
        )],
        repairs: &[
            ("Replaced failed power supply", "PSU"),
            ("WAN link down, replaced SFP", "SFP"),
        ],
    },
    Kind {
        category: "Firewall",
        weight: 2,
        tag_prefix: "FW",
        host_prefix: Some("fw"),
        racked: true,
        personal: false,
        roles: &["Perimeter firewall", "Internal firewall"],
        models: &[
            ("Fortinet", "FortiGate 100F", 2500, 4500),
            ("Palo Alto Networks", "PA-440", 2000, 4000),
            ("Sophos", "XGS 2100", 2000, 3500),
        ],
        lifetime_years: 5,
        warranty_years: &[1, 3],
        support_contract: true,
        plans: &[
            (
                "Review firewall rules",
                1,
                "years",
                true,
                120,
                r#"["Export rules","Remove unused","Sign off"]"#,
            ),
            (
                "Apply firmware",
                3,
                "months",
                false,
                30,
                r#"["Backup config","Upgrade HA pair"]"#,
            ),
        ],
        repairs: &[
            ("HA failover after crash, RMA of unit", "Replacement unit"),
            ("Replaced failed SSD", "SSD"),
        ],
    },
    Kind {
        category: "Access point",
        weight: 8,
        tag_prefix: "AP",
        host_prefix: Some("ap"),
        racked: false,
        personal: false,
        roles: &["Wi-Fi access point"],
        models: &[
            ("Ubiquiti", "UniFi U6 Pro", 150, 200),
            ("Cisco", "Meraki MR46", 700, 1100),
            ("HPE Aruba", "AP-515", 500, 800),
        ],
        lifetime_years: 5,
        warranty_years: &[1, 2],
        support_contract: false,
        plans: &[("Apply firmware", 6, "months", false, 10, "[]")],
        repairs: &[
            ("Access point unresponsive, power-cycled PoE port", ""),
            ("Replaced dead access point", "Access point"),
        ],
    },
    Kind {
        category: "PC",
        weight: 22,
        tag_prefix: "PC",
        host_prefix: Some("pc"),
        racked: false,
        personal: true,
        roles: &[
            "Workstation",
            "Office PC",
            "Reception PC",
            "CAD workstation",
        ],
        models: &[
            ("Dell", "OptiPlex 7010", 700, 1200),
            ("HP", "EliteDesk 800 G9", 800, 1300),
            ("Lenovo", "ThinkCentre M90q", 700, 1100),
        ],
        lifetime_years: 5,
        warranty_years: &[3],
        support_contract: false,
        plans: &[],
        repairs: &[
            ("Replaced failing SSD", "SSD 512GB"),
            ("Reinstalled OS after corruption", ""),
            ("Replaced PSU", "PSU"),
            ("Added RAM", "RAM 16GB"),
        ],
    },
    Kind {
        category: "Laptop",
        weight: 24,
        tag_prefix: "LT",
        host_prefix: Some("lt"),
        racked: false,
        personal: true,
        roles: &["Laptop"],
        models: &[
            ("Lenovo", "ThinkPad T14", 1100, 1700),
            ("Lenovo", "ThinkPad X1 Carbon", 1600, 2400),
            ("Dell", "Latitude 5440", 1000, 1500),
            ("Apple", "MacBook Pro 14", 2000, 3000),
            ("HP", "EliteBook 840 G10", 1100, 1700),
        ],
        lifetime_years: 4,
        warranty_years: &[1, 3],
        support_contract: false,
        plans: &[],
        repairs: &[
            ("Replaced swollen battery", "Battery"),
            ("Replaced cracked screen", "Display panel"),
            ("Keyboard replaced after spill", "Keyboard"),
            ("Replaced failing SSD", "SSD 1TB"),
            ("Hinge repaired", "Hinge kit"),
        ],
    },
    Kind {
        category: "Printer",
        weight: 5,
        tag_prefix: "PRN",
        host_prefix: Some("prn"),
        racked: false,
        personal: false,
        roles: &["Office printer", "Multifunction printer", "Label printer"],
        models: &[
            ("HP", "LaserJet Pro M404dn", 300, 450),
            ("HP", "Color LaserJet M479fdw", 500, 700),
            ("Brother", "HL-L6400DW", 400, 600),
            ("Kyocera", "ECOSYS M3655idn", 900, 1300),
        ],
        lifetime_years: 6,
        warranty_years: &[1],
        support_contract: false,
        plans: &[(
            "Clean and service",
            6,
            "months",
            false,
            45,
            r#"["Clean rollers","Replace maintenance kit if due","Print test page"]"#,
        )],
        repairs: &[
            (
                "Paper jams fixed by replacing pickup roller",
                "Pickup roller",
            ),
            ("Replaced fuser", "Fuser unit"),
            ("Network card reset", ""),
        ],
    },
    Kind {
        category: "UPS",
        weight: 3,
        tag_prefix: "UPS",
        host_prefix: Some("ups"),
        racked: true,
        personal: false,
        roles: &["Rack UPS", "Room UPS"],
        models: &[
            ("APC", "Smart-UPS SRT 3000", 2000, 3500),
            ("APC", "Smart-UPS 1500", 600, 1000),
            ("Eaton", "9PX 3000", 1800, 3000),
        ],
        lifetime_years: 8,
        warranty_years: &[2, 3],
        support_contract: false,
        plans: &[
            (
                "Replace UPS battery",
                3,
                "years",
                true,
                60,
                r#"["Order battery","Bypass","Swap","Self-test"]"#,
            ),
            ("Run UPS self-test", 3, "months", true, 15, "[]"),
        ],
        repairs: &[
            (
                "Replaced battery after failed self-test",
                "Battery pack RBC",
            ),
            ("Replaced network management card", "NMC"),
        ],
    },
    Kind {
        category: "Storage",
        weight: 2,
        tag_prefix: "STO",
        host_prefix: Some("nas"),
        racked: true,
        personal: false,
        roles: &["SAN array", "NAS", "Backup target"],
        models: &[
            ("NetApp", "AFF A250", 25000, 45000),
            ("Synology", "RS3621xs+", 3000, 6000),
            ("Dell", "PowerVault ME5024", 12000, 22000),
        ],
        lifetime_years: 6,
        warranty_years: &[3, 5],
        support_contract: true,
        plans: &[
            (
                "Test restore from backup",
                1,
                "months",
                true,
                60,
                r#"["Restore a volume","Verify","Document"]"#,
            ),
            ("Apply firmware", 6, "months", false, 90, "[]"),
        ],
        repairs: &[
            ("Replaced failed disk", "Disk 4TB"),
            ("Replaced controller", "Controller module"),
        ],
    },
    Kind {
        category: "Phone",
        weight: 8,
        tag_prefix: "PH",
        host_prefix: None,
        racked: false,
        personal: true,
        roles: &["Mobile phone", "Desk phone"],
        models: &[
            ("Apple", "iPhone 15", 800, 1100),
            ("Samsung", "Galaxy S23", 700, 1000),
            ("Cisco", "IP Phone 8845", 250, 400),
            ("Yealink", "T54W", 150, 250),
        ],
        lifetime_years: 3,
        warranty_years: &[1, 2],
        support_contract: false,
        plans: &[],
        repairs: &[
            ("Replaced cracked screen", "Screen"),
            ("Replaced battery", "Battery"),
        ],
    },
    Kind {
        category: "Other",
        weight: 2,
        tag_prefix: "OTH",
        host_prefix: None,
        racked: false,
        personal: false,
        roles: &["KVM switch", "Conference room display", "Projector"],
        models: &[
            ("Aten", "CL5708", 900, 1300),
            ("Samsung", "QM55B", 900, 1400),
            ("Epson", "EB-L210W", 800, 1200),
        ],
        lifetime_years: 6,
        warranty_years: &[1, 2],
        support_contract: false,
        plans: &[],
        repairs: &[
            ("Replaced lamp", "Lamp"),
            ("Replaced HDMI board", "HDMI board"),
        ],
    },
];

/// (site name, code, buildings).
pub(super) const SITES: &[(&str, &str, &[&str])] = &[
    ("Headquarters", "hq", &["Building A", "Building B", "Annex"]),
    ("Plant North", "pn", &["Production hall", "Offices"]),
    ("Branch Lyon", "lyo", &["Main building"]),
    ("Data centre Frankfurt", "fra", &["Hall 1"]),
];

pub(super) const ROOMS: &[&str] = &[
    "Server room",
    "Open office",
    "Meeting room",
    "Reception",
    "Workshop",
];

pub(super) const SUPPLIERS: &[&str] = &["Insight", "CDW", "Bechtle", "Computacenter", "SHI"];

pub(super) const FIRST_NAMES: &[&str] = &[
    "Anna", "Ben", "Chloé", "David", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kenji",
    "Lena", "Marta", "Noah", "Olga", "Pablo", "Queenie", "Rahul", "Sofia", "Tomasz",
];

pub(super) const LAST_NAMES: &[&str] = &[
    "Schmidt", "Martin", "García", "Rossi", "Nowak", "Jensen", "Dubois", "Kowalski", "Silva",
    "Tanaka",
];

pub(super) const TEAMS: &[&str] = &[
    "Infrastructure team",
    "Network team",
    "Service desk",
    "Facilities",
];

pub(super) const INSPECTIONS: &[&str] = &[
    "Visual inspection, all LEDs green",
    "Checked logs and health status",
    "Verified cabling and labels",
    "Annual safety inspection",
];

pub(super) const UPGRADES: &[(&str, &str)] = &[
    ("Firmware upgraded to latest release", ""),
    ("Memory upgrade", "RAM"),
    ("OS upgraded", ""),
    ("Added storage", "Disk"),
];

pub(super) const INCIDENTS: &[&str] = &[
    "Outage after power cut",
    "Unreachable on the network",
    "Overheating alarm",
    "Reported slow by users",
];

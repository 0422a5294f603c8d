//! The canonical element and column names the readers understand (`Canon`), the vocabulary the
//! alias tables map exporting systems' spellings to. Uses nothing.

/// Declares [`Canon`]: every canonical name the reader understands, with its spelling.
macro_rules! canonical {
    ($($variant:ident = $name:literal,)*) => {
        /// Every canonical name the reader understands. Names are resolved to these once per
        /// element (no allocation, comparisons are integer compares); a canonical name from a
        /// user's alias table that the reader has no use for is unknown (F005) like any other.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Canon {
            $($variant,)*
        }

        impl Canon {
            /// The canonical spelling (as in `checks/aliases.toml`).
            pub(crate) fn as_str(self) -> &'static str {
                match self {
                    $(Canon::$variant => $name,)*
                }
            }

            /// The canonical name spelled `name`, if the reader understands it.
            pub(crate) fn parse(name: &str) -> Option<Canon> {
                match name {
                    $($name => Some(Canon::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

canonical! {
    Cases = "cases",
    Case = "case",
    CaseNo = "caseno",
    Agency = "agency",
    Procedure = "procedure",
    Party = "party",
    Kind = "kind",
    Name = "name",
    CreditCode = "creditcode",
    IdNumber = "idnumber",
    Address = "address",
    Representative = "representative",
    Violation = "violation",
    Date = "date",
    Facts = "facts",
    ViolatedProvision = "violatedprovision",
    Circumstance = "circumstance",
    EndDate = "enddate",
    FoundDate = "founddate",
    Harm = "harm",
    Officers = "officers",
    Officer = "officer",
    CertNo = "certno",
    Documents = "documents",
    Document = "document",
    No = "no",
    Days = "days",
    Amount = "amount",
    Rights = "rights",
    Basis = "basis",
    Penalty = "penalty",
    Payment = "payment",
    Remedy = "remedy",
    Seal = "seal",
}

//! F008 waiver-expired: a waiver whose expiry date has passed. The waiver no longer applies, so
//! the findings it covered count again, and the expired entry itself is reported so a supervisor
//! renews or removes it. (Not in the original catalog: added with waivers, issue 5.)

use super::{Info, Tr};
use crate::finding::{Category, Severity};

pub static INFO: Info = Info {
    code: "F008",
    name: "waiver-expired",
    severity: Severity::Warning,
    category: Category::File,
    title: Tr { zh: "豁免已过期", en: "Waiver expired" },
    basis: Tr {
        zh: "本工具的豁免制度：每条豁免须有理由、审批人和到期日",
        en: "caselint waivers: each needs a reason, an approver and an expiry date",
    },
    what: Tr {
        zh: "豁免文件中的一条豁免已超过到期日，不再生效。",
        en: "A waiver in the waiver file is past its expiry date and no longer applies.",
    },
    why: Tr {
        zh: "豁免是经审批的临时例外；过期的豁免若仍生效，问题就会被长期掩盖。",
        en: "A waiver is an approved, temporary exception; if expired waivers still applied, problems would stay hidden for good.",
    },
    example: Tr {
        zh: "`expires = 2026-06-30` 的豁免在 2026-07-01 之后运行时报告本问题。",
        en: "A waiver with `expires = 2026-06-30` is reported on any run after 2026-07-01.",
    },
    fix: Tr {
        zh: "由审批人重新审查：需要继续豁免的，更新到期日并记录理由；否则删除该条豁免并整改问题。",
        en: "Have the approver review it: renew the expiry date with a reason, or delete the waiver and fix the finding.",
    },
    settings: &[],
    source: "built-in",
};

//! Declarative rules at work: a brigade's own rules (loaded and validated as data in
//! `knowledge::declared`) run on a case as checks, after the built-in ones. Every condition is
//! three-valued (`eval`): a rule whose answer hinges on an unknown is "not checkable" for the
//! case, never a finding.

mod eval;
#[cfg(test)]
mod tests;

pub use crate::knowledge::declared::{
    Cond, DeclaredRule, DeclaredRules, DocField, FieldRef, Mark, ProcKind, Rel, Template,
};
pub use eval::{Tri, Why};

use crate::finding::Lang;
use crate::model::Case;
use crate::rules::{Check, Ctx, Emitter, Info};

impl Check for DeclaredRule {
    fn info(&self) -> &Info {
        self.info
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        if let Some(w) = &self.when {
            match w.eval(case, ctx) {
                Tri::Yes(_) => {}
                Tri::No(_) => return,
                Tri::Unknown(input) => return out.not_checkable(self.info, input),
            }
        }
        let w = match self.require.eval(case, ctx) {
            Tri::Yes(_) => return,
            Tri::Unknown(input) => return out.not_checkable(self.info, input),
            Tri::No(w) => w,
        };
        let reason = ctx.lang.pick(&w.zh, &w.en);
        let message = match &self.message {
            Some((zh, en)) => match ctx.lang {
                Lang::Zh => zh.render(case, ctx, reason),
                Lang::En => en.render(case, ctx, reason),
            },
            None => match ctx.lang {
                Lang::Zh => format!("{}：{reason}", self.info.title.zh),
                Lang::En => format!("{}: {reason}", self.info.title.en),
            },
        };
        let place = w.at.unwrap_or_else(|| case.at.clone());
        out.push(self.info, ctx, case, place, self.subject.clone(), message);
    }
}

impl DeclaredRules {
    /// The rules as checks, sorted by code.
    pub fn checks(&self) -> Vec<&dyn Check> {
        self.rules.iter().map(|r| r as &dyn Check).collect()
    }
}

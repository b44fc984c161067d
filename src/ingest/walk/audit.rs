//! An AWS IoT Device Defender `describe-audit-task` output, read whole: the task's own members
//! are validated against `DescribeAuditTaskResponse`, and each `auditDetails` entry becomes one
//! record (an [`AuditCheck`]) validated against `AuditCheckDetails`, with issue paths such as
//! `auditDetails.LOGGING_DISABLED_CHECK.checkRunStatus`.

use super::{join, FileJob};
use crate::ingest::context::Context;
use crate::ingest::file::Located;
use crate::ingest::issue::{Level, PendingIssue, Rule};
use crate::ingest::validate::Checker;
use crate::model::{AuditCheck, AuditCheckDetails, AuditTask, FieldValue, Member, Node, Spanned};
use crate::schema::{DocKind, AUDIT_CHECK_DETAILS, AUDIT_CHECK_NAME};
use std::rc::Rc;

const KIND: DocKind = DocKind::DescribeAuditTask;

impl FileJob {
    /// One audit task object (the root, a line, or an array element); returns its checks.
    pub(super) fn audit_task(&mut self, v: Spanned<'_>, path: &str, cx: &mut Context, text: &[u8]) -> usize {
        let (line, column) = self.locate(text, v.pos);
        let task = Rc::new(AuditTask::read_task(&v.node, &mut cx.strings).unwrap_or_default());
        self.records.audit_tasks.push(Located {
            rec: task.clone(),
            line,
            column,
            path: path.into(),
        });
        let Node::Obj(members) = v.node else { return 0 };
        let end = members.last().map_or(v.pos, |m| m.value.pos);
        let mut seen: Vec<String> = Vec::new();
        let mut n = 0;
        for m in members {
            let member_path = join(path, &m.key);
            self.duplicate_member(KIND, &seen, &m.key, &member_path, m.key_pos, text);
            let key = m.key.into_owned();
            match (key.as_str(), m.value.node) {
                ("auditDetails", Node::Obj(checks)) => n += self.audit_checks(checks, &member_path, &task, cx, text),
                (_, node) => {
                    let value = Spanned { pos: m.value.pos, node };
                    self.task_member(&member_path, &key, m.key_pos, &value, text);
                }
            }
            seen.push(key);
        }
        self.finish_response(KIND, path, &seen, end, text);
        n
    }

    /// A member of the task other than a well-formed `auditDetails` map.
    fn task_member(&mut self, path: &str, key: &str, key_pos: usize, v: &Spanned<'_>, text: &[u8]) {
        let mut ck = Checker::new(path);
        match KIND.response().member(key) {
            Some(def) if !matches!(v.node, Node::Null) => ck.check(v, def.shape),
            Some(_) => {}
            None if key == "ResponseMetadata" => self.report.response_metadata = true,
            None => ck.push(
                key_pos,
                Level::Info,
                Rule::UnknownField,
                format!(
                    "member `{key}` is not in the model's `{}`; kept as is",
                    KIND.response().name
                ),
            ),
        }
        self.flush(ck.issues, None, text);
    }

    /// The entries of `auditDetails`: one record each (an entry that is not an object is a type
    /// error and no record, like a non-object in a records list).
    fn audit_checks(
        &mut self,
        checks: Vec<Member<'_>>,
        path: &str,
        task: &Rc<AuditTask>,
        cx: &mut Context,
        text: &[u8],
    ) -> usize {
        let mut names: Vec<String> = Vec::with_capacity(checks.len());
        let mut n = 0;
        for c in checks {
            let check_path = join(path, &c.key);
            let mut ck = Checker::new(&check_path);
            // The key against `AuditCheckName`, the value against `AuditCheckDetails`.
            ck.check(
                &Spanned {
                    pos: c.key_pos,
                    node: Node::Str(c.key.clone()),
                },
                &AUDIT_CHECK_NAME,
            );
            if names.iter().any(|k| *k == c.key) {
                ck.issues.push(PendingIssue {
                    pos: c.key_pos,
                    level: Level::Warning,
                    rule: Rule::Duplicate,
                    path: check_path.clone(),
                    message: format!(
                        "check `{}` appears more than once in `auditDetails`; every copy is read (`JSON.parse` would keep only the last)",
                        c.key
                    ),
                });
            }
            ck.check(&c.value, &AUDIT_CHECK_DETAILS);
            if matches!(c.value.node, Node::Obj(_)) {
                let (line, column) = self.locate(text, c.key_pos);
                let details = AuditCheckDetails::read(&c.value.node, &mut cx.strings).unwrap_or_default();
                let rec = AuditCheck {
                    name: cx.strings.intern(&c.key),
                    details,
                    task: task.clone(),
                };
                self.records.audit_checks.push(Located {
                    rec: Rc::new(rec),
                    line,
                    column,
                    path: check_path.into(),
                });
                n += 1;
            }
            self.flush(ck.issues, None, text);
            names.push(c.key.into_owned());
        }
        n
    }
}

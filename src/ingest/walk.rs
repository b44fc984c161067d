//! Reads one file resumably: layout and kind detection, streamed records, validation, typing.
//!
//! The walk keeps an explicit stack of frames (top level → array → response → records), so it
//! can stop after any number of records and go on later: the UI runs it in slices and stays
//! responsive, and a 200 MB response never becomes one tree in memory.

use super::context::Context;
use super::decode::decode;
use super::detect::{arn_kind, key_list, recognise, streamed_kind, unsupported_message, Recognised};
use super::file::{FailedItem, FileReport, Layout, LoadError, LoadedFile, Located, Records};
use super::issue::{Issue, Level, PendingIssue, Rule};
use super::lexer::{Lexer, SyntaxError};
use super::locate::Locator;
use super::validate::{found, Checker};
use crate::model::sort::SharedSort as _;
use crate::model::{FailedItemDetails, FieldValue, Node, Spanned, Str};
use crate::schema::{DocKind, Kind, Required, Shape, FAILED_ITEMS, PAGINATION_TOKEN};
use std::rc::Rc;

mod audit; // DescribeAuditTask responses: walk/audit.rs

/// Limits for one file.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Issues kept per file for display (all are counted).
    pub max_issues: usize,
    /// A streamed job drops the bytes it has read once there are this many (and at least
    /// half of those it holds), so a large file is never whole in memory. Tests set it low.
    pub drop_read_after: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_issues: 20_000,
            drop_read_after: 256 * 1024,
        }
    }
}

#[derive(Debug, Clone)]
enum Frame {
    /// The sequence of top-level values (one, or one per line for JSON Lines).
    Top { count: usize },
    /// Inside an array at the top: elements are responses, records or ARNs.
    TopArray {
        path: String,
        index: usize,
        hint: Option<DocKind>,
        nested: usize,
    },
    /// Inside a response object, member by member.
    Response {
        path: String,
        kind: DocKind,
        first: bool,
        seen: Vec<String>,
    },
    /// Inside the records array of a response.
    Records {
        kind: DocKind,
        path: String,
        index: usize,
        list: &'static Shape,
        /// Line and column of the list's `[` (list-length issues point there, as the
        /// checker's do), located at once: its bytes may be dropped before the list ends.
        start: (u32, u32),
    },
}

/// Progress of a [`FileJob`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Progress {
    /// More to read; the fraction of the file's bytes read so far.
    Reading(f64),
    Done,
}

/// One file being read.
#[derive(Debug)]
pub struct FileJob {
    text: Vec<u8>,
    /// Where the JSON starts (after a UTF-8 BOM): lines and columns count from here.
    start: usize,
    pos: usize,
    /// Bytes read and dropped before `text` (a streamed job holds only what it still needs).
    dropped: usize,
    frames: Vec<Frame>,
    locator: Locator,
    jsonl: bool,
    options: Options,
    report: FileReport,
    records: Records,
    /// Whether every byte of the file is in `text` (see [`FileJob::streaming`]).
    complete: bool,
    /// The file's size in bytes, for progress while it is still arriving.
    total: usize,
    /// While bytes are still arriving: a step cut short by the end of what has arrived is
    /// tried again only once `text` is this long.
    retry_at: usize,
    /// The first bytes of a file that must be whole before it can be decoded (UTF-16, or
    /// nothing but white space so far); read as a whole file once all have arrived.
    deferred: Option<Vec<u8>>,
}

type Fatal = SyntaxError;

impl FileJob {
    /// Starts reading `bytes` as the file `name`. Undecodable files finish at once with an error.
    pub fn new(name: &str, bytes: Vec<u8>, options: Options) -> Self {
        let size = bytes.len();
        let mut report = FileReport::new(name, size);
        let (text, pos, frames) = match decode(bytes) {
            Ok(d) => {
                report.encoding = d.encoding;
                (d.text, d.start, vec![Frame::Top { count: 0 }])
            }
            Err(e) => {
                report.error = Some(LoadError {
                    message: e.message,
                    line: e.line,
                    column: e.column,
                });
                (Vec::new(), 0, Vec::new())
            }
        };
        let jsonl = looks_like_json_lines(text.get(pos..).unwrap_or_default());
        FileJob {
            total: text.len(),
            text,
            start: pos,
            pos,
            dropped: 0,
            frames,
            locator: Locator::default(),
            jsonl,
            options,
            report,
            records: Records::default(),
            complete: true,
            retry_at: 0,
            deferred: None,
        }
    }

    /// Starts reading a file of `total` bytes of which `first` have arrived; the rest comes
    /// through [`FileJob::feed`], then [`FileJob::end_of_input`]. Records are read as their
    /// bytes arrive: a step that runs into the end of what has arrived (or meets any error
    /// meanwhile) is undone and tried again with more bytes, so the result is the same as
    /// reading the whole file with [`FileJob::new`].
    pub fn streaming(name: &str, first: Vec<u8>, total: usize, options: Options) -> Self {
        if first.len() >= total {
            return Self::new(name, first, options);
        }
        let mut job = Self::new(name, Vec::new(), options);
        job.frames.clear();
        job.report.error = None;
        job.report.size = total as u64;
        job.total = total;
        job.complete = false;
        job.deferred = Some(Vec::with_capacity(total.min(2 * START_WINDOW)));
        job.feed(&first);
        job
    }

    /// More bytes of a file started with [`FileJob::streaming`], in order.
    pub fn feed(&mut self, more: &[u8]) {
        if self.complete {
            return;
        }
        let Some(d) = &mut self.deferred else {
            self.drop_read_bytes();
            self.text.extend_from_slice(more);
            return;
        };
        let before = d.len();
        d.extend_from_slice(more);
        // Undecided once its first 64 KiB are in (a file on one line, UTF-16): read whole at
        // its end.
        if before < START_WINDOW && can_start(d, self.total) {
            let (total, bytes) = (self.total, std::mem::take(d));
            *self = Self::new(&self.report.name, bytes, self.options);
            self.report.size = total as u64;
            self.total = total;
            // A file that cannot be decoded has said so: the rest of it changes nothing.
            self.complete = self.report.error.is_some();
        } else if d.len() >= START_WINDOW && d.capacity() < self.total {
            // Read whole at its end: room for all of it at once, not by doublings.
            d.reserve_exact(self.total - d.len());
        }
    }

    /// Every byte has arrived: what was left waiting is read now.
    pub fn end_of_input(&mut self) {
        if self.complete {
            return;
        }
        if let Some(bytes) = self.deferred.take() {
            *self = Self::new(&self.report.name, bytes, self.options);
            return;
        }
        self.complete = true;
        self.total = self.dropped + self.text.len();
        self.report.size = self.total as u64;
        self.retry_at = 0;
    }

    /// Reads until about `budget` records more are done, or the file ends.
    /// While bytes are still arriving, it stops early when it needs more of them.
    pub fn step(&mut self, cx: &mut Context, budget: usize) -> Progress {
        if self.has_work() {
            self.step_text(cx, budget);
        }
        if self.frames.is_empty() && self.complete {
            Progress::Done
        } else {
            #[allow(clippy::cast_precision_loss)]
            Progress::Reading((self.dropped + self.pos) as f64 / self.total.max(1) as f64)
        }
    }

    /// Whether [`FileJob::step`] can go on without more bytes.
    pub fn has_work(&self) -> bool {
        self.complete || (self.deferred.is_none() && self.text.len() >= self.retry_at)
    }

    fn step_text(&mut self, cx: &mut Context, budget: usize) {
        let text = std::mem::take(&mut self.text);
        let mut lx = Lexer::new(&text, self.pos);
        lx.dropped = self.dropped;
        lx.partial = !self.complete;
        let mut done = 0usize;
        while done < budget {
            let Some(frame) = self.frames.pop() else {
                break;
            };
            // Bytes still arriving: keep what is needed to undo this step.
            let undo = (!self.complete).then(|| (frame.clone(), self.frames.len(), lx.pos));
            match self.advance(frame, &mut lx, cx, &text) {
                Ok(n) => done += n,
                Err(e) => match undo {
                    Some((frame, depth, at)) => {
                        self.frames.truncate(depth);
                        self.frames.push(frame);
                        lx.pos = at;
                        // Try again once the bytes after `at` have at least doubled, so a
                        // value longer than a slice is not read again and again.
                        self.retry_at = text.len() + (text.len() - at).max(1);
                        break;
                    }
                    None => {
                        self.fatal(&text, e);
                        self.frames.clear();
                    }
                },
            }
        }
        self.pos = lx.pos;
        self.text = text;
    }

    /// Drops the bytes already read, once they are many and at least half of those held, so
    /// a streamed file is never whole in memory (and its pages are reused, not touched anew).
    /// Nothing read later looks back before the reading position: records, values and their
    /// issues are read whole within a step, and a records list located its `[` at once.
    fn drop_read_bytes(&mut self) {
        let done = self.pos;
        if self.complete
            || done < self.options.drop_read_after.max(1)
            || done < self.text.len() / 2
            || done < self.start
        {
            return;
        }
        let body = self.text.get(self.start..).unwrap_or_default();
        self.locator.cut(body, done - self.start);
        self.text.drain(..done);
        self.pos = 0;
        self.start = 0;
        self.retry_at = self.retry_at.saturating_sub(done);
        self.dropped += done;
    }

    /// Bytes of the file held in memory now.
    pub fn held_bytes(&self) -> usize {
        self.text.len()
    }

    /// The result; call after [`Progress::Done`] (earlier, it holds what was read so far).
    pub fn finish(self) -> LoadedFile {
        LoadedFile {
            report: self.report,
            records: self.records,
        }
    }

    pub fn name(&self) -> &str {
        &self.report.name
    }

    /// The file's size in bytes (all of it, also while it is still arriving).
    pub fn size(&self) -> u64 {
        self.report.size
    }

    pub fn records_so_far(&self) -> usize {
        self.records.total()
    }

    /// Line and column of byte `pos`, counted from the start of the JSON (after any BOM).
    fn locate(&mut self, text: &[u8], pos: usize) -> (u32, u32) {
        let body = text.get(self.start..).unwrap_or_default();
        self.locator.locate(body, pos.saturating_sub(self.start))
    }

    fn fatal(&mut self, text: &[u8], e: SyntaxError) {
        let (line, column) = self.locate(text, e.pos);
        let read = self.records.total();
        let message = if read > 0 {
            format!(
                "{}; the {read} records before this point were read, the rest of the file was not",
                e.message
            )
        } else {
            e.message
        };
        self.report.error = Some(LoadError { message, line, column });
    }

    /// Processes one step of `frame`; returns the number of records completed.
    fn advance(&mut self, frame: Frame, lx: &mut Lexer<'_>, cx: &mut Context, text: &[u8]) -> Result<usize, Fatal> {
        match frame {
            Frame::Top { count } => {
                let Some(c) = lx.peek() else {
                    if !self.complete {
                        return lx.err(lx.pos, "more bytes to come");
                    }
                    if count == 0 {
                        return lx.err(lx.pos, "no JSON value in the file");
                    }
                    return Ok(0);
                };
                if count > 0 && !self.jsonl {
                    if matches!(c, b'{' | b'[') {
                        self.jsonl = true;
                        self.report.layout = Layout::JsonLines;
                    } else {
                        return lx.err(lx.pos, "unexpected text after the end of the JSON value");
                    }
                }
                self.frames.push(Frame::Top { count: count + 1 });
                let path = if self.jsonl {
                    format!("[{count}]")
                } else {
                    String::new()
                };
                if self.jsonl {
                    self.report.layout = Layout::JsonLines;
                }
                match c {
                    b'[' => {
                        lx.pos += 1;
                        self.frames.push(Frame::TopArray {
                            path,
                            index: 0,
                            hint: None,
                            nested: 0,
                        });
                        Ok(0)
                    }
                    b'{' => self.top_object(lx, cx, text, path, None, true).map(|(n, _)| n),
                    _ => {
                        let v = lx.value()?;
                        lx.err(
                            v.pos,
                            format!(
                                "the document is {}, not an object or array: not an Inspector export",
                                found(&v.node)
                            ),
                        )
                    }
                }
            }
            Frame::TopArray {
                path,
                index,
                hint,
                nested,
            } => {
                if index == 0 {
                    if lx.eat(b']') {
                        return Ok(0);
                    }
                } else if !lx.comma_or_close(b']', "after an array element")? {
                    return Ok(0);
                }
                let elem_path = format!("{path}[{index}]");
                let mut next_hint = hint;
                let mut n = 0;
                // This array's continuation goes below whatever the element pushes (a streamed
                // response pushes its own frame, which must be finished first).
                let below = self.frames.len();
                match lx.peek() {
                    Some(b'{') => {
                        let (k, h) = self.top_object(lx, cx, text, elem_path, hint, false)?;
                        n = k;
                        next_hint = h;
                    }
                    Some(b'"') => {
                        let v = lx.value()?;
                        let kind = v
                            .node
                            .as_str()
                            .and_then(arn_kind)
                            .or(hint)
                            .unwrap_or(DocKind::ListFindings);
                        self.set_layout(Layout::BareArray, kind);
                        self.arn_record(kind, v, &elem_path, cx, text);
                        next_hint = Some(kind);
                        n = 1;
                    }
                    Some(b'[') if nested < 2 => {
                        lx.pos += 1;
                        self.frames.push(Frame::TopArray {
                            path,
                            index: index + 1,
                            hint,
                            nested,
                        });
                        self.frames.push(Frame::TopArray {
                            path: elem_path,
                            index: 0,
                            hint,
                            nested: nested + 1,
                        });
                        return Ok(0);
                    }
                    _ => {
                        let v = lx.value()?;
                        let issue = PendingIssue {
                            pos: v.pos,
                            level: Level::Error,
                            rule: Rule::Type,
                            path: elem_path,
                            message: format!("expected an object (a response or a record), found {}", found(&v.node)),
                        };
                        self.flush(vec![issue], None, text);
                    }
                }
                self.frames.insert(
                    below,
                    Frame::TopArray {
                        path,
                        index: index + 1,
                        hint: next_hint,
                        nested,
                    },
                );
                Ok(n)
            }
            Frame::Response {
                path,
                kind,
                first,
                mut seen,
            } => {
                let more = if first {
                    !lx.eat(b'}')
                } else {
                    lx.comma_or_close(b'}', "after a response member")?
                };
                if !more {
                    self.finish_response(kind, &path, &seen, lx.pos.saturating_sub(1), text);
                    return Ok(0);
                }
                let key_pos = lx.peek().map_or(lx.pos, |_| lx.pos);
                if lx.peek() != Some(b'"') {
                    return lx.err(lx.pos, "expected a member name in quotes");
                }
                let key = lx.string()?.into_owned();
                lx.expect_byte(b':', "after a member name")?;
                let member_path = join(&path, &key);
                // Issues are flushed only once the value's bytes are read: a step cut short by
                // the end of the bytes that have arrived is undone and read again.
                if let (Some(list_kind), Some(b'[')) = (streamed_kind(&key), lx.peek()) {
                    self.duplicate_member(kind, &seen, &key, &member_path, key_pos, text);
                    let list = kind_list_shape(list_kind);
                    let start = self.locate(text, lx.pos);
                    lx.pos += 1;
                    seen.push(key);
                    self.frames.push(Frame::Response {
                        path,
                        kind,
                        first: false,
                        seen,
                    });
                    self.frames.push(Frame::Records {
                        kind: list_kind,
                        path: member_path,
                        index: 0,
                        list,
                        start,
                    });
                    return Ok(0);
                }
                let v = lx.value()?;
                self.duplicate_member(kind, &seen, &key, &member_path, key_pos, text);
                self.response_member(kind, &member_path, &key, key_pos, &v, cx, text);
                seen.push(key);
                self.frames.push(Frame::Response {
                    path,
                    kind,
                    first: false,
                    seen,
                });
                Ok(0)
            }
            Frame::Records {
                kind,
                path,
                index,
                list,
                start,
            } => {
                let more = if index == 0 {
                    !lx.eat(b']')
                } else {
                    lx.comma_or_close(b']', "after a record")?
                };
                if !more {
                    self.list_length(list, &path, index, start);
                    return Ok(0);
                }
                // Findings: an asset attributes block read before is stepped over (ingest::memo).
                let (v, skipped) = if kind == DocKind::DescribeFindings {
                    let blocks = &cx.asset_blocks;
                    let mut value = None;
                    let (v, at) = lx.object_skipping("assetAttributes", &mut |rest| {
                        blocks.block_at(rest).map(|(len, a)| {
                            value = Some(a);
                            len
                        })
                    })?;
                    (v, at.zip(value))
                } else {
                    (lx.value()?, None)
                };
                let rec_path = format!("{path}[{index}]");
                if index == 0 && matches!(v.node, Node::Obj(_)) {
                    let r = recognise(&v.node);
                    if matches!(r, Recognised::Preview2015 | Recognised::InspectorV2 | Recognised::Asff) {
                        return lx.err(v.pos, unsupported_message(r, &key_list(&v.node)));
                    }
                }
                let n = self.list_item(kind, v, skipped, &rec_path, cx, text);
                self.frames.push(Frame::Records {
                    kind,
                    path,
                    index: index + 1,
                    list,
                    start,
                });
                Ok(n)
            }
        }
    }

    /// An object at the top (the root, a line, or an element of a top-level array): a
    /// response to stream, or a record / small response to read whole.
    fn top_object(
        &mut self,
        lx: &mut Lexer<'_>,
        cx: &mut Context,
        text: &[u8],
        path: String,
        hint: Option<DocKind>,
        root: bool,
    ) -> Result<(usize, Option<DocKind>), Fatal> {
        let streamed = if hint.is_some() { None } else { peek_streamed_member(lx) };
        if let Some(kind) = streamed {
            lx.pos += 1; // `{`
            let layout = if root && !self.jsonl {
                Layout::Response
            } else if self.jsonl {
                Layout::JsonLines
            } else {
                Layout::ResponseArray
            };
            self.set_layout(layout, kind);
            self.frames.push(Frame::Response {
                path,
                kind,
                first: true,
                seen: Vec::new(),
            });
            return Ok((0, None));
        }
        let v = lx.value()?;
        let recognised = match recognise(&v.node) {
            Recognised::Unknown => hint.map_or(Recognised::Unknown, Recognised::Record),
            r => r,
        };
        match recognised {
            Recognised::Record(kind) => {
                // A record in a records context may still be a small response (mixed arrays).
                let list_kind = v.node_members().find_map(streamed_kind);
                if let Some(list_kind) = list_kind {
                    self.whole_response(list_kind, v, &path, cx, text);
                    return Ok((0, None));
                }
                let layout = if root && !self.jsonl {
                    Layout::SingleRecord
                } else if self.jsonl {
                    Layout::JsonLines
                } else {
                    Layout::BareArray
                };
                self.set_layout(layout, kind);
                self.record(kind, v, None, &path, cx, text);
                Ok((1, Some(kind)))
            }
            Recognised::Response(kind) => {
                let layout = if root && !self.jsonl {
                    Layout::Response
                } else {
                    Layout::ResponseArray
                };
                self.set_layout(layout, kind);
                let n = self.whole_response(kind, v, &path, cx, text);
                Ok((n, None))
            }
            other => lx.err(v.pos, unsupported_message(other, &key_list(&v.node))),
        }
    }

    fn set_layout(&mut self, layout: Layout, kind: DocKind) {
        if self.report.layout == Layout::Unknown
            || (self.report.layout == Layout::SingleRecord && layout != Layout::SingleRecord)
        {
            self.report.layout = layout;
        }
        if self.report.detected.is_none() {
            self.report.detected = Some(kind);
        }
    }

    /// A response held whole in memory: validated as a whole, then its records taken out.
    fn whole_response(&mut self, kind: DocKind, v: Spanned<'_>, path: &str, cx: &mut Context, text: &[u8]) -> usize {
        if kind == DocKind::DescribeAuditTask {
            return self.audit_task(v, path, cx, text);
        }
        let Node::Obj(members) = v.node else { return 0 };
        let mut seen = Vec::new();
        let mut n = 0;
        let end = members.last().map_or(v.pos, |m| m.value.pos);
        for m in members {
            let member_path = join(path, &m.key);
            self.duplicate_member(kind, &seen, &m.key, &member_path, m.key_pos, text);
            let list_kind = DocKind::from_records_member(&m.key).filter(|k| *k != DocKind::DescribeAuditTask);
            match (list_kind, m.value.node) {
                (Some(lk), Node::Arr(items)) => {
                    // Located before its items, as positions only go forward: located after
                    // them, it rescanned the file from its start for every such response.
                    let start = self.locate(text, m.value.pos);
                    let count = items.len();
                    for (i, item) in items.into_iter().enumerate() {
                        let rec_path = format!("{member_path}[{i}]");
                        n += self.list_item(lk, item, None, &rec_path, cx, text);
                    }
                    self.list_length(kind_list_shape(lk), &member_path, count, start);
                }
                (_, node) => {
                    let value = Spanned { pos: m.value.pos, node };
                    self.response_member(kind, &member_path, &m.key, m.key_pos, &value, cx, text);
                }
            }
            seen.push(m.key.into_owned());
        }
        self.finish_response(kind, path, &seen, end, text);
        n
    }

    /// A response member named twice: both copies are read (records are never dropped), but the
    /// file is not what one API call returns, and `JSON.parse` would keep only the last copy.
    fn duplicate_member(&mut self, kind: DocKind, seen: &[String], key: &str, path: &str, key_pos: usize, text: &[u8]) {
        if seen.iter().any(|s| s == key) {
            let issue = PendingIssue {
                pos: key_pos,
                level: Level::Warning,
                rule: Rule::Duplicate,
                path: path.to_owned(),
                message: format!(
                    "member `{key}` appears more than once in the `{}` response; every copy is read",
                    kind.name()
                ),
            };
            self.flush(vec![issue], None, text);
        }
    }

    /// A response member other than the streamed records list.
    #[allow(clippy::too_many_arguments)]
    fn response_member(
        &mut self,
        kind: DocKind,
        path: &str,
        key: &str,
        key_pos: usize,
        v: &Spanned<'_>,
        cx: &mut Context,
        text: &[u8],
    ) {
        let mut ck = Checker::new(path);
        match key {
            "ResponseMetadata" => {
                self.report.response_metadata = true;
                return;
            }
            "failedItems" => {
                ck.check(v, &FAILED_ITEMS);
                self.flush(ck.issues, None, text);
                if let Node::Obj(items) = &v.node {
                    for item in items {
                        let (line, column) = self.locate(text, item.key_pos);
                        let details = FailedItemDetails::read(&item.value.node, &mut cx.strings).unwrap_or_default();
                        let rec = FailedItem {
                            arn: cx.strings.intern(&item.key),
                            details,
                            operation: kind,
                        };
                        self.records.failed_items.push(Located {
                            rec: Rc::new(rec),
                            line,
                            column,
                            path: join(path, &item.key).into(),
                        });
                    }
                }
                return;
            }
            "nextToken" => {
                if !matches!(v.node, Node::Null) {
                    self.report.next_token = true;
                    ck.check(v, &PAGINATION_TOKEN);
                }
            }
            _ => match kind.response().member(key) {
                Some(def) if !matches!(v.node, Node::Null) => ck.check(v, def.shape),
                Some(_) => {}
                None => ck.push(
                    key_pos,
                    Level::Info,
                    Rule::UnknownField,
                    format!(
                        "member `{key}` is not in the model's `{}`; kept as is",
                        kind.response().name
                    ),
                ),
            },
        }
        self.flush(ck.issues, None, text);
    }

    /// Required members of a response envelope that never appeared.
    fn finish_response(&mut self, kind: DocKind, path: &str, seen: &[String], end_pos: usize, text: &[u8]) {
        let Kind::Structure(defs) = &kind.response().kind else {
            return;
        };
        let mut issues = Vec::new();
        for def in *defs {
            if def.required != Required::No && !seen.iter().any(|s| s == def.name) {
                issues.push(PendingIssue {
                    pos: end_pos,
                    level: Level::Warning,
                    rule: Rule::Required,
                    path: join(path, def.name),
                    message: format!(
                        "the `{}` response envelope lacks required member `{}` (a hand-made or merged export?); its records are read as usual",
                        kind.name(),
                        def.name
                    ),
                });
            }
        }
        self.flush(issues, None, text);
    }

    /// A records list longer than one API call returns: a merged export (said at its `[`).
    fn list_length(&mut self, list: &'static Shape, path: &str, count: usize, (line, column): (u32, u32)) {
        if let Kind::List {
            max: Some(max),
            per_call: true,
            ..
        } = list.kind
        {
            if count > max as usize {
                let issue = Issue {
                    level: Level::Info,
                    rule: Rule::ListLength,
                    path: path.to_owned(),
                    line,
                    column,
                    message: format!("{count} items where one API call returns at most {max}: a merged export"),
                    record_arn: None,
                };
                self.report.add_issue(issue, self.options.max_issues);
            }
        }
    }

    /// One element of a response's records list, streamed or read whole: an ARN string for the
    /// List* kinds, an object for the others; anything else is a type error and no record.
    fn list_item(
        &mut self,
        kind: DocKind,
        v: Spanned<'_>,
        skipped: Option<SkippedBlock>,
        path: &str,
        cx: &mut Context,
        text: &[u8],
    ) -> usize {
        let arns = matches!(kind, DocKind::ListFindings | DocKind::ListAssessmentRuns);
        match v.node {
            Node::Str(_) if arns => {
                self.arn_record(kind, v, path, cx, text);
                1
            }
            Node::Obj(_) if !arns => {
                self.record(kind, v, skipped, path, cx, text);
                1
            }
            _ => {
                let expected = if arns { "an ARN string" } else { "an object" };
                let issue = PendingIssue {
                    pos: v.pos,
                    level: Level::Error,
                    rule: Rule::Type,
                    path: path.to_owned(),
                    message: format!(
                        "expected {expected} (a {}), found {}",
                        kind.record_noun(),
                        found(&v.node)
                    ),
                };
                self.flush(vec![issue], None, text);
                0
            }
        }
    }

    /// A bare ARN (ListFindings / ListAssessmentRuns).
    fn arn_record(&mut self, kind: DocKind, v: Spanned<'_>, path: &str, cx: &mut Context, text: &[u8]) {
        let (line, column) = self.locate(text, v.pos);
        let mut ck = Checker::new(path);
        ck.check(&v, kind.record());
        let arn = v.node.as_str().map(|s| cx.strings.intern(s));
        self.flush(ck.issues, arn.clone(), text);
        let rec = Rc::new(arn.unwrap_or_else(|| Str::from("")));
        let loc = Located {
            rec,
            line,
            column,
            path: path.into(),
        };
        match kind {
            DocKind::ListAssessmentRuns => self.records.run_arns.push(loc),
            _ => self.records.finding_arns.push(loc),
        }
    }

    /// One record object: validated, typed, kept (with its issues) whatever it holds.
    /// `skipped`: where the lexer stepped over a finding's asset attributes block it had read
    /// before, and that block's value (see `ingest::memo`).
    fn record(
        &mut self,
        kind: DocKind,
        v: Spanned<'_>,
        skipped: Option<SkippedBlock>,
        path: &str,
        cx: &mut Context,
        text: &[u8],
    ) {
        let at = self.locate(text, v.pos);
        let mut ck = Checker::new(path);
        if let Some((pos, _)) = &skipped {
            ck.known_clean(*pos);
        }
        ck.check(&v, kind.record());
        let p: Box<str> = path.into();
        let s = &mut cx.strings;
        let arn = match kind {
            DocKind::DescribeFindings => {
                let f = read_finding(v, skipped, &ck.issues, cx, text);
                let arn = f.arn.clone();
                self.records.findings.push(Located {
                    rec: Rc::new(f),
                    line: at.0,
                    column: at.1,
                    path: p,
                });
                arn
            }
            DocKind::DescribeAssessmentRuns => push(&mut self.records.runs, &v, s, at, p, |r| r.arn.clone()),
            DocKind::DescribeAssessmentTemplates => push(&mut self.records.templates, &v, s, at, p, |r| r.arn.clone()),
            DocKind::DescribeAssessmentTargets => push(&mut self.records.targets, &v, s, at, p, |r| r.arn.clone()),
            DocKind::DescribeResourceGroups => push(&mut self.records.resource_groups, &v, s, at, p, |r| r.arn.clone()),
            DocKind::DescribeRulesPackages => push(&mut self.records.rules_packages, &v, s, at, p, |r| r.arn.clone()),
            DocKind::ListAssessmentRunAgents => push(&mut self.records.agents, &v, s, at, p, |r| r.agent_id.clone()),
            DocKind::GetTelemetryMetadata => push(&mut self.records.telemetry, &v, s, at, p, |_| None),
            // Audit checks are map entries, read with their task (walk/audit.rs), never alone.
            DocKind::DescribeAuditTask => None,
            DocKind::ListFindings | DocKind::ListAssessmentRuns => None,
        };
        self.flush(ck.issues, arn, text);
    }

    /// Locates pending issues (in position order, so the locator only moves forward).
    fn flush(&mut self, mut pending: Vec<PendingIssue>, arn: Option<Str>, text: &[u8]) {
        if pending.is_empty() {
            return;
        }
        pending.shared_sort_by_key(|i| i.pos);
        for p in pending {
            let (line, column) = self.locate(text, p.pos);
            let issue = Issue {
                level: p.level,
                rule: p.rule,
                path: p.path,
                line,
                column,
                message: p.message,
                record_arn: arn.clone(),
            };
            self.report.add_issue(issue, self.options.max_issues);
        }
    }
}

/// Types a checked finding. A block the lexer stepped over gets its remembered value, unless
/// the member is repeated (then the placeholder reads as an empty block and the last copy wins,
/// as without the shortcut). A block read here is remembered if the checker found no issue in
/// it.
fn read_finding(
    mut v: Spanned<'_>,
    skipped: Option<SkippedBlock>,
    issues: &[PendingIssue],
    cx: &mut Context,
    text: &[u8],
) -> crate::model::Finding {
    let (reused, block) = match (skipped, &mut v.node) {
        (Some((_, a)), Node::Obj(members)) => match only_member(members, "assetAttributes") {
            Some(i) => {
                members.remove(i);
                (Some(a), None)
            }
            None => (None, None),
        },
        _ => (None, asset_block(&v.node, text)),
    };
    let mut f = crate::model::Finding::read(&v.node, &mut cx.strings).unwrap_or_default();
    if reused.is_some() {
        f.asset_attributes = reused;
    } else {
        f.asset_attributes = f.asset_attributes.map(|a| cx.assets.share(a));
        if let (Some(b), Some(a)) = (&block, &f.asset_attributes) {
            if !issues.iter().any(|i| (b.pos..b.end).contains(&i.pos)) {
                cx.asset_blocks.remember(b.bytes, a.clone());
            }
        }
    }
    f.service_attributes = f.service_attributes.map(|a| cx.services.share(a));
    f
}

/// Where the member named `name` is, if there is exactly one.
fn only_member(members: &[crate::model::Member<'_>], name: &str) -> Option<usize> {
    let mut named = members.iter().enumerate().filter(|(_, m)| m.key == name);
    match (named.next(), named.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// Where the lexer stepped over a finding's asset attributes block, and its remembered value.
type SkippedBlock = (usize, Rc<crate::model::AssetAttributes>);

/// A finding's `assetAttributes` object and its bytes: from the value's first byte to the next
/// member's name, so equal bytes mean an equal value. None when the member is missing, repeated,
/// not an object, or the last member (its end is not known without the lexer).
struct AssetBlock<'t> {
    pos: usize,
    end: usize,
    bytes: &'t [u8],
}

fn asset_block<'t>(node: &Node<'_>, text: &'t [u8]) -> Option<AssetBlock<'t>> {
    let Node::Obj(members) = node else { return None };
    let index = only_member(members, "assetAttributes")?;
    let value = &members.get(index)?.value;
    if !matches!(value.node, Node::Obj(_)) {
        return None;
    }
    let end = members.get(index + 1)?.key_pos;
    let bytes = text.get(value.pos..end)?;
    Some(AssetBlock {
        pos: value.pos,
        end,
        bytes,
    })
}

fn push<T: FieldValue>(
    list: &mut Vec<Located<T>>,
    v: &Spanned<'_>,
    s: &mut crate::model::Interner,
    (line, column): (u32, u32),
    path: Box<str>,
    arn: impl Fn(&T) -> Option<Str>,
) -> Option<Str> {
    let rec = T::read(&v.node, s)?;
    let a = arn(&rec);
    list.push(Located {
        rec: Rc::new(rec),
        line,
        column,
        path,
    });
    a
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn kind_list_shape(kind: DocKind) -> &'static Shape {
    kind.response()
        .member(kind.records_member())
        .map_or(&PAGINATION_TOKEN, |m| m.shape)
}

/// Scans an object's member names (skipping values) up to the first streamed records list.
/// Cheap for a response (stops at `findings`); for a record it costs one skim of the record.
fn peek_streamed_member(lx: &Lexer<'_>) -> Option<DocKind> {
    let mut p = lx.clone();
    if !p.eat(b'{') || p.eat(b'}') {
        return None;
    }
    loop {
        let key = p.string().ok()?;
        p.expect_byte(b':', "").ok()?;
        if let Some(kind) = streamed_kind(&key) {
            if p.peek() == Some(b'[') {
                return Some(kind);
            }
        }
        p.skip_value().ok()?;
        if !p.comma_or_close(b'}', "").ok()? {
            return None;
        }
    }
}

/// How far into a file [`FileJob::streaming`] looks before it starts reading: what [`decode`]
/// checks up front.
const START_WINDOW: usize = super::decode::HEAD;

/// Whether the first bytes of a file decide what the whole file would: the encoding and the
/// first 64 KiB checked by [`decode`] (UTF-16 is converted whole, so it waits for the end), and
/// whether the file is JSON Lines (the first line and what starts the next).
fn can_start(first: &[u8], total: usize) -> bool {
    if first.len() < total.min(START_WINDOW) || first.get(..2).is_none_or(|h| h.contains(&0)) {
        return false;
    }
    if super::decode::utf16_bom(first).is_some() {
        return false;
    }
    let t = first.trim_ascii_start();
    let t = t
        .strip_prefix(&super::decode::UTF8_BOM[..])
        .unwrap_or(t)
        .trim_ascii_start();
    let t = &t[..t.len().min(START_WINDOW)];
    memchr::memchr(b'\n', t).is_some_and(|nl| !t[nl..].trim_ascii_start().is_empty())
}

/// JSON Lines: the first line is a whole object or array and more values follow.
fn looks_like_json_lines(text: &[u8]) -> bool {
    let t = text.trim_ascii_start();
    let Some(nl) = memchr::memchr(b'\n', t) else {
        return false;
    };
    let first = t[..nl].trim_ascii_end();
    let rest = t[nl..].trim_ascii_start();
    let (Some(a), Some(z), Some(next)) = (first.first(), first.last(), rest.first()) else {
        return false;
    };
    first.len() > 1 && matches!((a, z), (b'{', b'}') | (b'[', b']')) && matches!(next, b'{' | b'[')
}

trait NodeMembers {
    fn node_members(&self) -> Box<dyn Iterator<Item = &str> + '_>;
}

impl NodeMembers for Spanned<'_> {
    fn node_members(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match &self.node {
            Node::Obj(m) => Box::new(
                m.iter()
                    .filter(|m| matches!(m.value.node, Node::Arr(_)))
                    .map(|m| m.key.as_ref()),
            ),
            _ => Box::new(std::iter::empty()),
        }
    }
}

/// Reads a whole file at once (native tools and tests; the UI steps a [`FileJob`] instead).
pub fn read_file(name: &str, bytes: Vec<u8>, cx: &mut Context, options: Options) -> LoadedFile {
    let mut job = FileJob::new(name, bytes, options);
    while job.step(cx, usize::MAX) != Progress::Done {}
    job.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{Format, GenConfig, Layout as GenLayout, TimestampStyle};

    /// Records and small responses alternating in one array (a merged export): each response
    /// after a record is read whole. Positions are located going forward only: a backward
    /// query rescans from the file's start, which made such files quadratic (17 s for 100 MB).
    #[test]
    fn responses_read_whole_are_located_going_forward() {
        let cfg = GenConfig::default()
            .with_findings(40)
            .with_format(Format::new(TimestampStyle::CliV2).with_pretty(true));
        let mut bytes = Vec::new();
        let data = cfg.build().unwrap_or_else(|e| panic!("{e}"));
        data.write_findings(&mut bytes, GenLayout::Single, cfg.format)
            .unwrap_or_else(|e| panic!("{e}"));
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{e}"));
        let findings = doc["findings"].as_array().cloned().unwrap_or_default();
        let mixed: Vec<serde_json::Value> = findings
            .chunks(2)
            .flat_map(|pair| {
                [
                    pair[0].clone(),
                    serde_json::json!({ "findings": pair[1..], "failedItems": {} }),
                ]
            })
            .collect();
        let text = serde_json::to_vec_pretty(&mixed).unwrap_or_default();
        let mut job = FileJob::new("mixed.json", text, Options::default());
        let mut cx = Context::default();
        while job.step(&mut cx, 7) != Progress::Done {}
        assert_eq!(job.locator.rescans, 0, "positions located backwards");
        let f = job.finish();
        assert_eq!(f.report.error, None);
        assert_eq!(f.records.findings.len(), 40);
    }
}

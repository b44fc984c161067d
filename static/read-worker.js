// Reads a dropped file in slices off the page's main thread (src/ui/loader.rs). Each slice is
// handed over whole (transferred, not copied), in order; the page grants one more slice for each
// it has taken, so at most `ahead` slices wait in memory. Nothing leaves the page: the worker only
// reads the File object the page gave it.
let file = null;
let chunk = 0;
let next = 0;
let credit = 0;
let draining = false;
const inflight = [];

onmessage = (e) => {
  if (e.data && e.data.file) {
    ({ file, chunk } = e.data);
    credit = e.data.ahead;
  } else {
    credit += 1;
  }
  pump();
};

// The first slices are small and grow to `chunk`: reads in flight share the disk, and the
// page can start on 128 KiB long before 4 MiB arrive. At least the 64 KiB the reader looks at
// to decide whether it can read the file as it arrives (src/ingest/walk.rs `can_start`), with
// room for a BOM and leading white space.
const FIRST = 128 * 1024;

function pump() {
  while (file && credit > 0 && next < file.size) {
    const end = Math.min(next + Math.min(chunk, Math.max(FIRST, next)), file.size);
    inflight.push(file.slice(next, end).arrayBuffer());
    next = end;
    credit -= 1;
  }
  if (!draining) drain();
}

async function drain() {
  draining = true;
  while (inflight.length) {
    try {
      const buf = await inflight.shift();
      postMessage(buf, [buf]);
    } catch (err) {
      postMessage({ error: String((err && err.message) || err) });
      inflight.length = 0;
      file = null;
    }
  }
  draining = false;
}

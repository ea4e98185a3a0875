;; The hot loop of a run's output, in WebAssembly: turns complete lines of a child's
;; output (bytes, each line ending in \n) into the log file's records and the event
;; stream's `line` events in one pass, with bulk copies instead of per-character string
;; work. Compiled by scripts/build-wasm.mjs into line-encoder-wasm.ts (base64); the JS side
;; is line-encoder.ts, which checks the input is valid UTF-8 first.
;;
;; For each line (a \r before its \n is dropped), numbered from `seq`:
;;   file:   {"seq":N<head>TEXT"}\n          head = ,"t":"…","stream":"…","text":"
;;   events: id: N\nevent: line\ndata: {"seq":N<head>TEXT"}\n\n
;; TEXT is the line's bytes, JSON-escaped exactly as JSON.stringify escapes a string:
;; \" \\ \b \t \n \f \r, other control characters as \u00xx; every other byte as it is
;; (valid UTF-8 needs no escape in JSON).
;;
;; Memory contract (line-encoder.ts keeps it): bytes 0-255 hold the constants below and
;; are never written from outside; the input ends with \n and has 32 readable
;; bytes after it (the 16-byte scan may look past the end, never past the \n it stops at);
;; the output regions are large enough for the worst case (every byte escaped as \u00xx).
(module
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"seq\":")              ;; 0: record start, 7 bytes
  (data (i32.const 8) "\"}\n")                  ;; 8: record end, 3 bytes
  (data (i32.const 12) "id: ")                  ;; 12: event start, 4 bytes
  (data (i32.const 16) "\nevent: line\ndata: ") ;; 16: after the id, 19 bytes
  (data (i32.const 48) "0123456789abcdef")      ;; 48: hex digits for \u00xx
  (data (i32.const 64) ",\"t\":\"")               ;; 64: after the seq, 6 bytes
  ;; 128, 160, 192: what follows the time, for each stream, 28 bytes each
  (data (i32.const 128) "\",\"stream\":\"stdout\",\"text\":\"")
  (data (i32.const 160) "\",\"stream\":\"stderr\",\"text\":\"")
  (data (i32.const 192) "\",\"stream\":\"system\",\"text\":\"")
  (global $fileLen (export "fileLen") (mut i32) (i32.const 0))
  (global $eventsLen (export "eventsLen") (mut i32) (i32.const 0))
  (global $lineCount (export "lineCount") (mut i32) (i32.const 0))

  ;; Writes n in decimal at out; returns the end.
  (func $decimal (param $n i64) (param $out i32) (result i32)
    (local $len i32) (local $m i64) (local $p i32)
    (local.set $len (i32.const 1))
    (local.set $m (i64.div_u (local.get $n) (i64.const 10)))
    (block $counted (loop $count
      (br_if $counted (i64.eqz (local.get $m)))
      (local.set $len (i32.add (local.get $len) (i32.const 1)))
      (local.set $m (i64.div_u (local.get $m) (i64.const 10)))
      (br $count)))
    (local.set $p (i32.add (local.get $out) (local.get $len)))
    (local.set $m (local.get $n))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.wrap_i64 (i64.add (i64.const 48) (i64.rem_u (local.get $m) (i64.const 10)))))
      (local.set $m (i64.div_u (local.get $m) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $m) (i64.const 0))))
    (i32.add (local.get $out) (local.get $len)))

  ;; Writes the two-character escape \c at out; returns the end.
  (func $short (param $out i32) (param $c i32) (result i32)
    (i32.store8 (local.get $out) (i32.const 92))
    (i32.store8 offset=1 (local.get $out) (local.get $c))
    (i32.add (local.get $out) (i32.const 2)))

  ;; Writes the bytes [s, e) JSON-escaped at out; returns the end.
  (func $escape (param $s i32) (param $e i32) (param $out i32) (result i32)
    (local $b i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $s) (local.get $e)))
      (local.set $b (i32.load8_u (local.get $s)))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (if (i32.or (i32.eq (local.get $b) (i32.const 34)) (i32.eq (local.get $b) (i32.const 92)))
        (then (local.set $out (call $short (local.get $out) (local.get $b))) (br $next)))
      (if (i32.ge_u (local.get $b) (i32.const 32))
        (then (i32.store8 (local.get $out) (local.get $b)) (local.set $out (i32.add (local.get $out) (i32.const 1))) (br $next)))
      (if (i32.eq (local.get $b) (i32.const 8)) (then (local.set $out (call $short (local.get $out) (i32.const 98))) (br $next)))
      (if (i32.eq (local.get $b) (i32.const 9)) (then (local.set $out (call $short (local.get $out) (i32.const 116))) (br $next)))
      (if (i32.eq (local.get $b) (i32.const 10)) (then (local.set $out (call $short (local.get $out) (i32.const 110))) (br $next)))
      (if (i32.eq (local.get $b) (i32.const 12)) (then (local.set $out (call $short (local.get $out) (i32.const 102))) (br $next)))
      (if (i32.eq (local.get $b) (i32.const 13)) (then (local.set $out (call $short (local.get $out) (i32.const 114))) (br $next)))
      ;; \u00xx
      (i32.store8 (local.get $out) (i32.const 92))
      (i32.store8 offset=1 (local.get $out) (i32.const 117))
      (i32.store8 offset=2 (local.get $out) (i32.const 48))
      (i32.store8 offset=3 (local.get $out) (i32.const 48))
      (i32.store8 offset=4 (local.get $out) (i32.load8_u offset=48 (i32.shr_u (local.get $b) (i32.const 4))))
      (i32.store8 offset=5 (local.get $out) (i32.load8_u offset=48 (i32.and (local.get $b) (i32.const 15))))
      (local.set $out (i32.add (local.get $out) (i32.const 6)))
      (br $next)))
    (local.get $out))

  ;; Encodes the lines in [in, in + len); returns how many; sets fileLen and eventsLen.
  (func (export "encode") (param $in i32) (param $len i32) (param $seq f64) (param $head i32) (param $headLen i32)
                          (param $fileOut i32) (param $eventsOut i32) (result i32)
    (local $p i32) (local $end i32) (local $s i32) (local $e i32) (local $escaped i32)
    (local $f i32) (local $o i32) (local $record i32) (local $n i64) (local $count i32)
    (local $v v128) (local $mask i32)
    (local.set $p (local.get $in))
    (local.set $end (i32.add (local.get $in) (local.get $len)))
    (local.set $f (local.get $fileOut))
    (local.set $o (local.get $eventsOut))
    (local.set $n (i64.trunc_f64_u (local.get $seq)))
    (block $lines (loop $line
      (br_if $lines (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $s (local.get $p))
      ;; Find, 16 bytes at a time, the first byte that is a control character, " or \.
      (block $found (loop $scan
        (local.set $v (v128.load (local.get $p)))
        (local.set $mask (i8x16.bitmask (v128.or
          (i8x16.lt_u (local.get $v) (i8x16.splat (i32.const 32)))
          (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 34))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 92)))))))
        (br_if $found (local.get $mask))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $scan)))
      (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $mask))))
      (local.set $escaped (i32.ne (i32.load8_u (local.get $p)) (i32.const 10)))
      (if (local.get $escaped)
        (then
          ;; The line needs escapes; only its end matters now.
          (block $eol (loop $newline
            (local.set $mask (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (i8x16.splat (i32.const 10)))))
            (br_if $eol (local.get $mask))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $newline)))
          (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $mask))))))
      ;; The line is [s, e): without its \n, and without a \r before it.
      (local.set $e (local.get $p))
      (if (i32.and (i32.gt_u (local.get $e) (local.get $s)) (i32.eq (i32.load8_u (i32.sub (local.get $e) (i32.const 1))) (i32.const 13)))
        (then (local.set $e (i32.sub (local.get $e) (i32.const 1)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))

      ;; The file record.
      (local.set $record (local.get $f))
      (memory.copy (local.get $f) (i32.const 0) (i32.const 7))
      (local.set $f (call $decimal (local.get $n) (i32.add (local.get $f) (i32.const 7))))
      (memory.copy (local.get $f) (local.get $head) (local.get $headLen))
      (local.set $f (i32.add (local.get $f) (local.get $headLen)))
      (if (local.get $escaped)
        (then (local.set $f (call $escape (local.get $s) (local.get $e) (local.get $f))))
        (else
          (memory.copy (local.get $f) (local.get $s) (i32.sub (local.get $e) (local.get $s)))
          (local.set $f (i32.add (local.get $f) (i32.sub (local.get $e) (local.get $s))))))
      (memory.copy (local.get $f) (i32.const 8) (i32.const 3))
      (local.set $f (i32.add (local.get $f) (i32.const 3)))

      ;; The event: its data is the record just written (with its \n), then a blank line.
      (memory.copy (local.get $o) (i32.const 12) (i32.const 4))
      (local.set $o (call $decimal (local.get $n) (i32.add (local.get $o) (i32.const 4))))
      (memory.copy (local.get $o) (i32.const 16) (i32.const 19))
      (local.set $o (i32.add (local.get $o) (i32.const 19)))
      (memory.copy (local.get $o) (local.get $record) (i32.sub (local.get $f) (local.get $record)))
      (local.set $o (i32.add (local.get $o) (i32.sub (local.get $f) (local.get $record))))
      (i32.store8 (local.get $o) (i32.const 10))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))

      (local.set $n (i64.add (local.get $n) (i64.const 1)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (br $line)))
    (global.set $fileLen (i32.sub (local.get $f) (local.get $fileOut)))
    (global.set $eventsLen (i32.sub (local.get $o) (local.get $eventsOut)))
    (local.get $count))
)

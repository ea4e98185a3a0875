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
  (global $lastLineAt (export "lastLineAt") (mut i32) (i32.const 0))

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
;; ---- Reading back: the log file's records as `line` events ----

  ;; Whether the 28 bytes at p equal the 28 bytes at c.
  (func $same28 (param $p i32) (param $c i32) (result i32)
    (i32.and (i8x16.all_true (i8x16.eq (v128.load (local.get $p)) (v128.load (local.get $c))))
      (i32.and (i64.eq (i64.load offset=16 (local.get $p)) (i64.load offset=16 (local.get $c)))
        (i32.eq (i32.load offset=24 (local.get $p)) (i32.load offset=24 (local.get $c))))))

  (func $isHex (param $b i32) (result i32)
    (i32.or (i32.lt_u (i32.sub (local.get $b) (i32.const 48)) (i32.const 10))
      (i32.lt_u (i32.sub (i32.or (local.get $b) (i32.const 32)) (i32.const 97)) (i32.const 6))))

  ;; The end of the record's text (the offset of its closing quote, which must be followed
  ;; by `}` and then the line end at nl) when [q, nl) is a valid JSON string body with no
  ;; raw control character and only valid escapes; 0 otherwise.
  (func $body (param $q i32) (param $nl i32) (result i32)
    (local $b i32) (local $c i32) (local $mask i32)
    (block $bad (loop $next
      ;; The next byte that is a control character, " or \, 16 at a time (the line's \n is one).
      (block $found (loop $scan
        (local.set $mask (i8x16.bitmask (v128.or
          (i8x16.lt_u (v128.load (local.get $q)) (i8x16.splat (i32.const 32)))
          (v128.or (i8x16.eq (v128.load (local.get $q)) (i8x16.splat (i32.const 34))) (i8x16.eq (v128.load (local.get $q)) (i8x16.splat (i32.const 92)))))))
        (br_if $found (local.get $mask))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $scan)))
      (local.set $q (i32.add (local.get $q) (i32.ctz (local.get $mask))))
      (br_if $bad (i32.ge_u (local.get $q) (local.get $nl)))
      (local.set $b (i32.load8_u (local.get $q)))
      (if (i32.eq (local.get $b) (i32.const 34))
        (then
          (br_if $bad (i32.ne (i32.add (local.get $q) (i32.const 2)) (local.get $nl)))
          (br_if $bad (i32.ne (i32.load8_u offset=1 (local.get $q)) (i32.const 125)))
          (return (local.get $q))))
      (br_if $bad (i32.ne (local.get $b) (i32.const 92)))
      (local.set $c (i32.load8_u offset=1 (local.get $q)))
      (if (i32.eq (local.get $c) (i32.const 117))
        (then
          (br_if $bad (i32.eqz (call $isHex (i32.load8_u offset=2 (local.get $q)))))
          (br_if $bad (i32.eqz (call $isHex (i32.load8_u offset=3 (local.get $q)))))
          (br_if $bad (i32.eqz (call $isHex (i32.load8_u offset=4 (local.get $q)))))
          (br_if $bad (i32.eqz (call $isHex (i32.load8_u offset=5 (local.get $q)))))
          (local.set $q (i32.add (local.get $q) (i32.const 6)))
          (br $next)))
      ;; " \ / b f n r t
      (br_if $bad (i32.eqz (i32.or (i32.or (i32.or (i32.eq (local.get $c) (i32.const 34)) (i32.eq (local.get $c) (i32.const 92)))
                                            (i32.or (i32.eq (local.get $c) (i32.const 47)) (i32.eq (local.get $c) (i32.const 98))))
                                   (i32.or (i32.or (i32.eq (local.get $c) (i32.const 102)) (i32.eq (local.get $c) (i32.const 110)))
                                            (i32.or (i32.eq (local.get $c) (i32.const 114)) (i32.eq (local.get $c) (i32.const 116)))))))
      (local.set $q (i32.add (local.get $q) (i32.const 2)))
      (br $next)))
    (i32.const 0))

  ;; Turns the records in [in, in + len) (whole lines, valid UTF-8) into `line` events at
  ;; out, from the first line on, while each line is a record exactly as `encode` writes
  ;; them (the shape log-line-check.ts accepts without parsing) numbered seq, seq + 1, …;
  ;; stops before the first line that is not, after maxLines lines, or when the next
  ;; event might not fit below outEnd. Returns the input bytes converted; sets
  ;; lineCount, eventsLen and lastLineAt (the offset of the last converted line).
  (func (export "recordsToEvents") (param $in i32) (param $len i32) (param $seq f64) (param $maxLines i32)
                                   (param $out i32) (param $outEnd i32) (result i32)
    (local $p i32) (local $end i32) (local $nl i32) (local $q i32) (local $o i32) (local $n i64)
    (local $v i64) (local $digits i32) (local $b i32) (local $count i32) (local $mask i32)
    (local.set $p (local.get $in))
    (local.set $end (i32.add (local.get $in) (local.get $len)))
    (local.set $o (local.get $out))
    (local.set $n (i64.trunc_f64_u (local.get $seq)))
    (block $stop (loop $line
      (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
      (br_if $stop (i32.ge_u (local.get $count) (local.get $maxLines)))
      ;; The line end, 16 bytes at a time.
      (local.set $nl (local.get $p))
      (block $eol (loop $search
        (local.set $mask (i8x16.bitmask (i8x16.eq (v128.load (local.get $nl)) (i8x16.splat (i32.const 10)))))
        (br_if $eol (local.get $mask))
        (local.set $nl (i32.add (local.get $nl) (i32.const 16)))
        (br $search)))
      (local.set $nl (i32.add (local.get $nl) (i32.ctz (local.get $mask))))
      ;; Room for `id: ` + 16 digits + `\nevent: line\ndata: ` + the record and its \n + `\n`.
      (br_if $stop (i32.gt_u (i32.add (i32.add (local.get $o) (i32.const 41)) (i32.sub (local.get $nl) (local.get $p))) (local.get $outEnd)))
      ;; {"seq":N with N = the expected seq (1 to 15 digits, no leading zero)
      (br_if $stop (i32.ne (i32.load (local.get $p)) (i32.load (i32.const 0))))
      (br_if $stop (i32.ne (i32.load offset=3 (local.get $p)) (i32.load (i32.const 3))))
      (local.set $q (i32.add (local.get $p) (i32.const 7)))
      (br_if $stop (i32.ge_u (i32.sub (i32.load8_u (local.get $q)) (i32.const 49)) (i32.const 9)))
      (local.set $v (i64.const 0))
      (local.set $digits (i32.const 0))
      (block $number (loop $digit
        (local.set $b (i32.sub (i32.load8_u (local.get $q)) (i32.const 48)))
        (br_if $number (i32.ge_u (local.get $b) (i32.const 10)))
        (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $b))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
        (br $digit)))
      (br_if $stop (i32.gt_u (local.get $digits) (i32.const 15)))
      (br_if $stop (i64.ne (local.get $v) (local.get $n)))
      ;; ,"t":"<[0-9TZ:.+-]*>","stream":"<stdout|stderr|system>","text":"
      (br_if $stop (i32.ne (i32.load (local.get $q)) (i32.load (i32.const 64))))
      (br_if $stop (i32.ne (i32.load16_u offset=4 (local.get $q)) (i32.load16_u (i32.const 68))))
      (local.set $q (i32.add (local.get $q) (i32.const 6)))
      (block $time (loop $char
        (local.set $b (i32.load8_u (local.get $q)))
        (br_if $time (i32.eqz (i32.or (i32.or (i32.lt_u (i32.sub (local.get $b) (i32.const 48)) (i32.const 11)) ;; 0-9 and :
                                                (i32.or (i32.eq (local.get $b) (i32.const 84)) (i32.eq (local.get $b) (i32.const 90)))) ;; T Z
                                       (i32.or (i32.eq (local.get $b) (i32.const 46)) (i32.or (i32.eq (local.get $b) (i32.const 43)) (i32.eq (local.get $b) (i32.const 45))))))) ;; . + -
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $char)))
      (br_if $stop (i32.eqz (i32.or (call $same28 (local.get $q) (i32.const 128))
                                    (i32.or (call $same28 (local.get $q) (i32.const 160)) (call $same28 (local.get $q) (i32.const 192))))))
      (local.set $q (i32.add (local.get $q) (i32.const 18)))
      (br_if $stop (i32.eqz (call $body (i32.add (local.get $q) (i32.const 10)) (local.get $nl))))
      ;; The event.
      (memory.copy (local.get $o) (i32.const 12) (i32.const 4))
      (memory.copy (i32.add (local.get $o) (i32.const 4)) (i32.add (local.get $p) (i32.const 7)) (local.get $digits))
      (local.set $o (i32.add (i32.add (local.get $o) (i32.const 4)) (local.get $digits)))
      (memory.copy (local.get $o) (i32.const 16) (i32.const 19))
      (local.set $o (i32.add (local.get $o) (i32.const 19)))
      (memory.copy (local.get $o) (local.get $p) (i32.sub (i32.add (local.get $nl) (i32.const 1)) (local.get $p)))
      (local.set $o (i32.add (local.get $o) (i32.sub (i32.add (local.get $nl) (i32.const 1)) (local.get $p))))
      (i32.store8 (local.get $o) (i32.const 10))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (global.set $lastLineAt (i32.sub (local.get $p) (local.get $in)))
      (local.set $p (i32.add (local.get $nl) (i32.const 1)))
      (local.set $n (i64.add (local.get $n) (i64.const 1)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (br $line)))
    (global.set $lineCount (local.get $count))
    (global.set $eventsLen (i32.sub (local.get $o) (local.get $out)))
    (i32.sub (local.get $p) (local.get $in)))
)

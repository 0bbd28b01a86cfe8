// libFuzzer target: the messages between the web page's training job and its Web Worker
// (job_messages.h) on arbitrary bytes. Any input must parse or throw MessageError — never crash,
// hang, throw anything else, or trip a sanitizer — and a message that parses must write back to
// text that parses to the same message (what the page sends is what the worker reads).
#include <cstdint>
#include <string>

#include "lessons/training/job_messages.h"

namespace {

template <typename Parse, typename Write>
void round_trip(const std::string& text, Parse parse, Write write) {
  std::string written;
  try {
    written = write(parse(text));
  } catch (const neurostep::MessageError&) {
    return;  // refused with a message: what the page shows in the Train tab
  }
  if (write(parse(written)) != written) __builtin_trap();  // a MessageError here escapes: a crash
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  round_trip(text, neurostep::parse_command, neurostep::command_json);
  round_trip(text, neurostep::parse_snapshot,
             [](const neurostep::JobNews& n) { return neurostep::snapshot_json(n.job, n.snapshot); });
  return 0;
}

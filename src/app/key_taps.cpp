#include "app/key_taps.h"

#include <algorithm>

namespace neurostep {

namespace {
constexpr int kRepeated = 2;
}  // namespace

bool KeyTaps::may_pass(const KeyEvent& e) {
  if (e.action == kRepeated) return true;
  if (std::find(changed_.begin(), changed_.end(), e.key) != changed_.end()) return false;
  changed_.push_back(e.key);
  return true;
}

std::optional<KeyEvent> KeyTaps::arrive(const KeyEvent& e) {
  if (waiting_.empty() && may_pass(e)) return e;
  waiting_.push_back(e);
  return std::nullopt;
}

std::vector<KeyEvent> KeyTaps::frame_began() {
  changed_.clear();
  std::vector<KeyEvent> now;
  while (!waiting_.empty() && may_pass(waiting_.front())) {
    now.push_back(waiting_.front());
    waiting_.pop_front();
  }
  return now;
}

}  // namespace neurostep

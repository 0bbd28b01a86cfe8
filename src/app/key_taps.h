// key_taps.h — the window's key events handed to ImGui so that a frame sees every tap. ImGui 1.86
// reads only whether a key is down when a frame begins, so a press and its release between two
// frames (a quick Enter or Backspace in an answer field) would be lost, and so would the second of
// two taps of one key. Here a key changes state at most once between two frames begin: an event
// that would change it again waits, and every event after it waits too (the order stays), until
// the next frame has begun. A tap thus takes two frames, however short it was.
// No window here: frame.cpp feeds it GLFW's events, the test (tests/app/test_key_taps.cpp) by hand.
// The app's own keys (keys.h) are queued apart, at once, and never wait.
#pragma once

#include <deque>
#include <optional>
#include <vector>

namespace neurostep {

struct KeyEvent {
  int key = 0, scancode = 0;
  int action = 0;  // as GLFW's: 0 released, 1 pressed, 2 repeated (held down: no change)
  int mods = 0;
};

class KeyTaps {
 public:
  // An event from the window: it, if it may reach ImGui now, or nothing (it waits).
  std::optional<KeyEvent> arrive(const KeyEvent& e);
  // A frame has begun (after ImGui's NewFrame): the waiting events that may reach ImGui now, in order.
  std::vector<KeyEvent> frame_began();
  bool waiting() const { return !waiting_.empty(); }

 private:
  bool may_pass(const KeyEvent& e);  // marks the key as changed if it passes
  std::vector<int> changed_;         // keys whose state changed since the last frame began
  std::deque<KeyEvent> waiting_;
};

}  // namespace neurostep

// Quick taps (issue 25, §6): Enter and Backspace pressed and let go between two frames, one or
// several in a row, each reach the answer field — through the key queue the window feeds
// (src/app/key_taps.h), driven here by hand into real headless ImGui frames.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>  // GImGui->ActiveId: which field has the keyboard

#include <string>

#include "app/key_taps.h"
#include "gui/headless_imgui.h"
#include "lessons/framework/practice.h"

using namespace neurostep;
using neurostep::test::exercise_at;

namespace {

constexpr int kReleased = 0, kPressed = 1;

// The window's side: events from the keyboard go through the queue into ImGui's key state, as
// frame.cpp hands them to the GLFW backend (the headless context maps ImGuiKey_X to key X).
struct Keyboard {
  test::HeadlessImGui& gui;
  KeyTaps taps;
  static void apply(const KeyEvent& e) { ImGui::GetIO().KeysDown[e.key] = e.action != kReleased; }
  void event(int key, int action) {
    if (const auto e = taps.arrive({key, 0, action, 0})) apply(*e);
  }
  // `count` taps of `key`, pressed and let go before the next frame.
  void taps_of(int key, int count) {
    for (int i = 0; i < count; ++i) event(key, kPressed), event(key, kReleased);
  }
  void frame() {
    gui.frame();
    for (const KeyEvent& e : taps.frame_began()) apply(e);
  }
  void frames_until_done() {
    for (int i = 0; i < 40 && taps.waiting(); ++i) frame();
    frame();
    frame();
  }
};

}  // namespace

TEST_CASE("the key queue: a key changes once per frame, later events wait in order") {
  KeyTaps k;
  CHECK(k.arrive({ImGuiKey_Enter, 0, kPressed, 0}));
  CHECK_FALSE(k.arrive({ImGuiKey_Enter, 0, kReleased, 0}));  // the frame has not seen it down yet
  CHECK_FALSE(k.arrive({ImGuiKey_Tab, 0, kPressed, 0}));     // after a waiting event: waits too (order)
  const auto now = k.frame_began();
  REQUIRE(now.size() == 2);
  CHECK((now[0].key == ImGuiKey_Enter && now[0].action == kReleased));
  CHECK(now[1].key == ImGuiKey_Tab);
  CHECK_FALSE(k.waiting());
  CHECK(k.arrive({ImGuiKey_Tab, 0, 2, 0}));  // held down (repeated): no change, passes
}

TEST_CASE("quick taps of Enter and Backspace in an answer field all arrive") {
  test::HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  gui.frame();
  gui.app.view.try_it = true;
  gui.frame({AppKey::Step});  // Activation a = σ(z): a is asked for (0.6726)
  REQUIRE(gui.app.lessons.session->current() == 1);
  Keyboard keys{gui, {}};
  keys.taps_of(ImGuiKey_Tab, 1);  // to the field
  keys.frames_until_done();
  REQUIRE(GImGui->ActiveId != 0);
  const Practice& p = gui.app.practice.sheet;
  const int a = exercise_at(p, "sample0.a a");
  ImGui::GetIO().AddInputCharactersUTF8("0.6726999");
  keys.frame();
  REQUIRE(gui.app.view.typed.at(static_cast<std::size_t>(a)) == "0.6726999");
  // Three Backspaces and Enter, all between two frames: 0.6726 is checked, right at the first try.
  keys.taps_of(ImGuiKey_Backspace, 3);
  keys.taps_of(ImGuiKey_Enter, 1);
  keys.frames_until_done();
  REQUIRE(p.feedback(a));
  CHECK(p.feedback(a)->right);
  CHECK(p.mark(a) == Mark::FirstTry);
}

TEST_CASE("quick taps: Backspaces empty the field, then each quick Enter on it climbs a rung of the hint ladder") {
  test::HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  gui.frame();
  gui.app.view.try_it = true;
  gui.frame({AppKey::Step});
  Keyboard keys{gui, {}};
  keys.taps_of(ImGuiKey_Tab, 1);
  keys.frames_until_done();
  ImGui::GetIO().AddInputCharactersUTF8("12");
  keys.frame();
  keys.taps_of(ImGuiKey_Backspace, 2);
  keys.frames_until_done();
  CHECK(gui.app.view.typed.at(static_cast<std::size_t>(exercise_at(gui.app.practice.sheet, "sample0.a a"))).empty());
  for (int rung = 1; rung <= 2; ++rung) {
    keys.taps_of(ImGuiKey_Enter, 1);
    keys.frames_until_done();
    CHECK(gui.app.practice.sheet.hint_level(1) == rung);
    for (int f = 0; f < 5 && GImGui->ActiveId == 0; ++f) keys.frame();  // the field takes the keyboard back
    REQUIRE(GImGui->ActiveId != 0);
  }
}

// keys.h — which GLFW key presses are the app's keys (AppKey), apart from the window so a test can
// check the mapping without a display. Arrows, Space and R without a modifier; Ctrl+= (or Ctrl++,
// keypad +), Ctrl+− (keypad −) and Ctrl+0 for the text size, Ctrl+T for the theme; F5 and Esc
// for presentation mode. `name` is what glfwGetKeyName says the key prints on this keyboard
// layout (null for keys that print nothing), so "+" and "−" are found where the layout puts them.
#pragma once

#include <optional>

#include "gui/app_ui.h"

namespace neurostep {

// `key`, `action` and `mods` as GLFW's key callback gives them (a release is never a key).
std::optional<AppKey> app_key(int key, int action, int mods, const char* name = nullptr);

}  // namespace neurostep

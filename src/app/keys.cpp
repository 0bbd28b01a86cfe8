#include "app/keys.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cstring>

namespace neurostep {

namespace {

// Ctrl and a key: the text size and the theme. Shift is allowed (Ctrl++ is Ctrl+Shift+= on many
// layouts); Alt and Super are not.
std::optional<AppKey> ctrl_key(int key, const char* name) {
  const auto named = [&](const char* s) { return name && std::strcmp(name, s) == 0; };
  if (key == GLFW_KEY_EQUAL || key == GLFW_KEY_KP_ADD || named("+") || named("=")) return AppKey::Larger;
  if (key == GLFW_KEY_MINUS || key == GLFW_KEY_KP_SUBTRACT || named("-")) return AppKey::Smaller;
  if (key == GLFW_KEY_0 || key == GLFW_KEY_KP_0 || named("0")) return AppKey::ActualSize;
  if (key == GLFW_KEY_T) return AppKey::ToggleTheme;
  return std::nullopt;
}

}  // namespace

std::optional<AppKey> app_key(int key, int action, int mods, const char* name) {
  if (action == GLFW_RELEASE) return std::nullopt;
  if (mods & (GLFW_MOD_ALT | GLFW_MOD_SUPER)) return std::nullopt;
  if (mods & GLFW_MOD_CONTROL) return ctrl_key(key, name);
  // Without a modifier: R, F5 and Esc act on a press only, the others also repeat while held.
  const bool press = action == GLFW_PRESS;
  switch (key) {
    case GLFW_KEY_UP: return AppKey::PreviousLesson;
    case GLFW_KEY_DOWN: return AppKey::NextLesson;
    case GLFW_KEY_SPACE:
    case GLFW_KEY_RIGHT: return AppKey::Step;
    case GLFW_KEY_LEFT: return AppKey::Back;
    case GLFW_KEY_R: return press ? std::optional(AppKey::Reset) : std::nullopt;
    case GLFW_KEY_F5: return press ? std::optional(AppKey::TogglePresentation) : std::nullopt;
    case GLFW_KEY_ESCAPE: return press ? std::optional(AppKey::LeavePresentation) : std::nullopt;
    default: return std::nullopt;
  }
}

}  // namespace neurostep

// The app's pieces that need no window: what settings.toml remembers (and how a broken value falls
// back to its default), and which GLFW key presses are the app's keys.
#include <doctest/doctest.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <filesystem>
#include <fstream>

#include "app/keys.h"
#include "app/settings.h"
#include "app/startup.h"

using namespace neurostep;

namespace {
std::filesystem::path temp_file(const char* name) {
  const auto dir = std::filesystem::temp_directory_path() / "neurostep-settings-test";
  std::filesystem::create_directories(dir);
  return dir / name;
}
}  // namespace

TEST_CASE("the text size and the theme are remembered with the lesson, its step, Try it and the precision") {
  const auto file = temp_file("roundtrip.toml");
  Settings s;
  s.lesson = "chain-rule";
  s.step = 7;
  s.try_it = true;
  s.precision = 6;
  s.scale_percent = 180;
  s.theme = Theme::Light;
  s.summaries = {{"chain-rule", false}, {"pooling", true}};
  REQUIRE(save_settings(file, s));
  const Settings back = load_settings(file);
  CHECK(back == s);
  CHECK(back.lesson == "chain-rule");
  CHECK(back.step == 7);
  CHECK(back.try_it);
  CHECK(back.precision == 6);
  CHECK(back.scale_percent == 180);
  CHECK(back.theme == Theme::Light);
  std::filesystem::remove(file);
}

TEST_CASE("a missing settings file gives the defaults: 100 %, dark") {
  const Settings s = load_settings(temp_file("does-not-exist.toml"));
  CHECK(s.scale_percent == 100);
  CHECK(s.theme == Theme::Dark);
}

TEST_CASE("a broken value falls back to its default and keeps the others; a broken file to all defaults") {
  const auto file = temp_file("broken.toml");
  // Out of range, wrong type, unknown name: each takes its default, the lesson is kept.
  for (const char* scale : {"1000", "74", "\"big\"", "1.5", "-3"}) {
    CAPTURE(scale);
    std::ofstream(file) << "lesson = \"pooling\"\nscale = " << scale << "\ntheme = \"sepia\"\n";
    const Settings s = load_settings(file);
    CHECK(s.lesson == "pooling");
    CHECK(s.scale_percent == 100);
    CHECK(s.theme == Theme::Dark);
  }
  std::ofstream(file) << "scale = 75\ntheme = \"light\"\n";  // the smallest size is allowed
  CHECK(load_settings(file).scale_percent == 75);
  CHECK(load_settings(file).theme == Theme::Light);
  std::ofstream(file) << "scale = [[[ not toml";
  const Settings s = load_settings(file);
  CHECK(s.scale_percent == 100);
  CHECK(s.lesson.empty());
  std::filesystem::remove(file);
}

TEST_CASE("text-size steps: 10 % at a time, snapped to tens, between 75 % and 250 %") {
  CHECK(scale_up(100) == 110);
  CHECK(scale_up(75) == 80);
  CHECK(scale_up(245) == 250);
  CHECK(scale_up(250) == 250);
  CHECK(scale_down(100) == 90);
  CHECK(scale_down(85) == 80);
  CHECK(scale_down(80) == 75);
  CHECK(scale_down(75) == 75);
}

TEST_CASE("the window's keys: Ctrl+= / Ctrl++ / Ctrl+− / Ctrl+0, Ctrl+T, F5 and Esc, arrows and Space") {
  const auto key = [](int k, int mods = 0, const char* name = nullptr, int action = GLFW_PRESS) {
    return app_key(k, action, mods, name);
  };
  CHECK(key(GLFW_KEY_EQUAL, GLFW_MOD_CONTROL) == AppKey::Larger);
  CHECK(key(GLFW_KEY_EQUAL, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT) == AppKey::Larger);  // Ctrl++ on a US keyboard
  CHECK(key(GLFW_KEY_KP_ADD, GLFW_MOD_CONTROL) == AppKey::Larger);
  CHECK(key(GLFW_KEY_RIGHT_BRACKET, GLFW_MOD_CONTROL, "+") == AppKey::Larger);  // where a German keyboard has +
  CHECK(key(GLFW_KEY_MINUS, GLFW_MOD_CONTROL) == AppKey::Smaller);
  CHECK(key(GLFW_KEY_KP_SUBTRACT, GLFW_MOD_CONTROL) == AppKey::Smaller);
  CHECK(key(GLFW_KEY_0, GLFW_MOD_CONTROL) == AppKey::ActualSize);
  CHECK(key(GLFW_KEY_T, GLFW_MOD_CONTROL) == AppKey::ToggleTheme);
  CHECK(key(GLFW_KEY_F5) == AppKey::TogglePresentation);
  CHECK_FALSE(key(GLFW_KEY_F5, 0, nullptr, GLFW_REPEAT));  // holding F5 does not flicker
  CHECK(key(GLFW_KEY_ESCAPE) == AppKey::LeavePresentation);
  CHECK(key(GLFW_KEY_RIGHT) == AppKey::Step);
  CHECK(key(GLFW_KEY_RIGHT, 0, nullptr, GLFW_REPEAT) == AppKey::Step);
  CHECK(key(GLFW_KEY_SPACE) == AppKey::Step);
  CHECK(key(GLFW_KEY_LEFT) == AppKey::Back);
  CHECK_FALSE(key(GLFW_KEY_EQUAL));                    // = alone is typing, not a shortcut
  CHECK_FALSE(key(GLFW_KEY_RIGHT, GLFW_MOD_CONTROL));  // Ctrl+→ is left to ImGui's text fields
  CHECK_FALSE(key(GLFW_KEY_EQUAL, GLFW_MOD_CONTROL | GLFW_MOD_ALT));
  CHECK_FALSE(key(GLFW_KEY_RIGHT, 0, nullptr, GLFW_RELEASE));
}

TEST_CASE("the window's start-up and exit: the remembered view goes into the app and comes back out unchanged") {
  Settings s;
  s.try_it = true;
  s.precision = 3;
  s.scale_percent = 125;
  s.theme = Theme::Light;
  s.summaries = {{"dropout", true}};
  AppState app;
  apply_settings(s, app);
  CHECK(app.view.precision == 3);
  CHECK(app.display.scale_percent == 125);
  CHECK(app.view.summaries.at("dropout"));
  CHECK(settings_of(app) == s);  // no lesson open: lesson "" and step 1, as the defaults
  std::ofstream(temp_file("summaries.toml")) << "[summaries]\npooling = true\nchain-rule = \"yes\"\n";
  CHECK(load_settings(temp_file("summaries.toml")).summaries ==
        std::map<std::string, bool>{{"pooling", true}});  // a non-bool is left out
}

TEST_CASE(
    "start_app and remember_settings: both platforms' start-up reads the user's settings, and the exit writes them "
    "only when changed") {
  const UserFiles files{.settings = temp_file("startup.toml"), .progress = temp_file("progress")};
  std::filesystem::remove(files.settings);
  AppState plain;
  const Settings none = start_app(plain, std::nullopt);  // a screenshot run: the defaults, no marks kept
  CHECK(none == Settings{});
  CHECK(plain.practice.progress_dir.empty());
  Settings saved = none;
  CHECK_FALSE(remember_settings(plain, files, saved));  // nothing changed: nothing written
  CHECK_FALSE(std::filesystem::exists(files.settings));
  plain.display.theme = Theme::Light;
  plain.view.precision = 6;
  CHECK(remember_settings(plain, files, saved));
  CHECK(saved == settings_of(plain));
  AppState next;
  const Settings read = start_app(next, files);  // the next run starts where this one left
  CHECK(read == saved);
  CHECK(next.display.theme == Theme::Light);
  CHECK(next.view.precision == 6);
  CHECK(next.practice.progress_dir == files.progress);
}

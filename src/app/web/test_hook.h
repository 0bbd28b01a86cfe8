// test_hook.h — the web page's read-only test hook (see test_hook.cpp).
#pragma once

namespace neurostep {

struct AppState;

void start_test_hook();  // after ImGui is set up
// After each frame: what the test may read now. `frame_ms`: how long the frame took to build.
void end_test_frame(AppState& app, double frame_ms);

}  // namespace neurostep

// page.h — what the web page (web/page_library.js, in the browser) does for the program, and what it
// calls back. The web edition's platform: downloads, the file picker, storage kept in the
// browser, the canvas that draws PNG files and measures text for SVG.
#pragma once

extern "C" {
// Offers the file at `path` (in the program's file system) to the student as a download named `name`.
void page_download(const char* path, const char* name);
// Opens the browser's file picker for files of the kinds in `accept` (".toml", ".csv", …); the files
// chosen are copied into `folder` and announced through neurostep_files_chosen(request, paths).
void page_choose_files(int request, const char* accept, int multiple, const char* folder);
// Writes the user's folders (settings, progress, chosen data) to the browser's IndexedDB.
void page_persist();
// The size of the browser window's content, in CSS pixels, and the device pixels per CSS pixel
// (2 on most laptops' screens, more on phones; a zoomed page changes it too).
int page_width();
int page_height();
double page_pixel_ratio();
// Shows the canvas at this CSS size (its pixels being the device's).
void page_show_canvas(int width, int height);
// Sends a training command (lessons/training/job_messages.h) to the page's training worker, with
// the files at `paths` (one per line) copied to the same paths there; starts the worker if there
// is none (trainer_link.h).
void page_trainer_post(const char* command, const char* paths);
// The full MNIST (full_mnist.h): asks whether the site has it (the answer comes through
// neurostep_data_offered); starts fetching it into `folder` (1: the files are written there, then
// neurostep_data_progress along the way and neurostep_data_arrived or neurostep_data_stopped) or
// cancels the fetch (0).
void page_look_for_data();
void page_fetch_data(int start, const char* folder);
// Seconds since the student last moved the mouse, clicked, typed, touched or resized the window.
double page_seconds_since_input();
// Called once the first frame is drawn: the page takes down its loading note.
void page_first_frame();

// The figure canvas (figure_canvas.cpp): a 2-D canvas of `width` × `height` pixels scaled by `scale`.
void canvas_begin(double width, double height, double scale, double font_size);
void canvas_font(double font_size);  // the size of the text drawn from now on
double canvas_text_width(const char* text, double font_size);
void canvas_font_metrics(double font_size, double* ascent, double* descent);
void canvas_fill_style(double r, double g, double b, double a);
void canvas_stroke_style(double r, double g, double b, double a, double width, int dashed);
void canvas_text(double x, double y, const char* text);
void canvas_path(const double* xy, int points, int close, int fill);  // a polyline or polygon
void canvas_rect(double x, double y, double w, double h, int fill);
void canvas_circle(double x, double y, double r);  // filled with the fill style, outlined with the stroke style
void canvas_clip(double x, double y, double w, double h);
void canvas_unclip();
// The canvas as PNG bytes, written to `path` in the program's file system; 0 if the browser refused.
int canvas_write_png(const char* path);
}

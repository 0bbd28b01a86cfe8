#include "lessons/framework/lesson.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "lessons/framework/registry.h"
#include "lessons/framework/session.h"

namespace neurostep {

namespace {

// Joins the lines of each paragraph (a file wraps its text at ~100 columns; the window wraps it
// at its own width). A blank line separates paragraphs.
std::string reflow(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      out += text[i];
    } else if (i + 1 < text.size() && text[i + 1] == '\n') {
      out += "\n\n";
      while (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (!out.empty()) {
      out += ' ';
    }
  }
  const auto end = out.find_last_not_of(" \n");
  return end == std::string::npos ? "" : out.substr(0, end + 1);
}

std::vector<PrintedValue> read_printed_values(LessonTable& root) {
  std::vector<PrintedValue> printed;
  if (!root.has("thesis_check")) return printed;
  for (LessonTable& t : root.tables("thesis_check")) {
    PrintedValue p;
    p.step = t.text("step");
    p.value = t.text("value");
    p.element = t.integer_or("element", 0, 0, 1'000'000);
    p.printed = t.literal("printed");
    p.note = t.text_or("note", "");
    p.line = t.line();
    t.finish();
    printed.push_back(std::move(p));
  }
  return printed;
}

void add_cited(LessonInfo& info, const SourceEntry* e) {
  if (!e) return;
  for (const SourceEntry& before : info.cited)
    if (before.key == e->key) return;
  info.cited.push_back(*e);
}

// The documents the file cites (`sources`, after any `source` text) and the one its printed values come from
// (`checked_against`, when not the thesis of its `sources`), resolved against the sources file.
void read_sources(const LessonDocument& doc, LessonTable& root, LessonInfo& info) {
  std::vector<LessonError> errors;
  info.source = root.text_or("source", "");  // a source that is no document: "your own data"
  if (root.has("sources") || root.has("checked_against")) {
    const Sources& sources = sources_for(doc.path());
    info.citations = read_citations(root, "sources", sources, errors);
    const std::string cited = sources.cite_all(info.citations);
    info.source = info.source.empty() ? cited : cited.empty() ? info.source : cited + "; " + info.source;
    for (const Citation& c : info.citations) add_cited(info, sources.find(c.key));
    if (root.has("checked_against")) {
      const std::string key = root.text("checked_against");
      const SourceEntry* e = sources.find(key);
      if (e)
        info.check_title = "Check against " + e->short_form;
      else
        errors.push_back(
            root.error_at("checked_against",
                          fmt::format("unknown source '{}' (the sources file knows: {})", key, sources.known_keys())));
      add_cited(info, e);
    }
  }
  if (errors.empty()) return;
  if (!doc.collecting()) throw errors.front();
  doc.collect(std::move(errors));
}

std::unique_ptr<Lesson> build(const LessonDocument& doc) {
  LessonTable root = doc.root();
  LessonInfo info;
  info.path = doc.path();
  info.id = root.text("id");
  info.title = root.text("title");
  read_sources(doc, root, info);
  info.summary = reflow(root.text_or("summary", ""));
  info.order = root.integer_or("order", 100, 0, 10'000);
  info.kind = root.text("kind");
  std::vector<PrintedValue> printed = read_printed_values(root);
  std::vector<ExerciseRule> exercises = read_exercise_rules(root);
  VariantSpec variants = read_variant_spec(root);

  for (const LessonKind& kind : lesson_kinds()) {
    if (kind.name != info.kind) continue;
    auto lesson = kind.make(std::move(info), std::move(printed), root);
    root.finish();
    const bool from_file = !exercises.empty();
    lesson->set_exercises(from_file ? std::move(exercises) : kind.default_exercises, std::move(variants));
    // The exercises and variants name steps, values and numbers: checked against the trace of the
    // file's own numbers (a kind's default is checked by the tests, for every lesson file). Numbers
    // the engine cannot compute leave a stopped trace to check nothing against; the window shows why.
    if (from_file || !lesson->variant_spec().empty()) {
      const Trace trace = run_guarded(*lesson);
      if (trace_stopped(trace)) return lesson;
      std::vector<LessonError> errors;
      if (from_file) errors = exercise_errors(lesson->exercise_rules(), trace);
      for (LessonError& e : variant_errors(lesson->variant_spec(), *lesson, trace)) errors.push_back(std::move(e));
      if (!errors.empty()) {
        if (!doc.collecting()) throw errors.front();
        doc.collect(std::move(errors));
      }
    }
    return lesson;
  }
  if (doc.collecting() && info.kind.empty() && !root.has("kind")) return nullptr;  // "missing key 'kind'" is recorded
  std::string known;
  for (const LessonKind& k : lesson_kinds()) known += (known.empty() ? "" : ", ") + k.name;
  root.fail("kind", fmt::format("unknown lesson kind '{}' (this build knows: {})", info.kind, known));
}

}  // namespace

std::unique_ptr<Lesson> load_lesson(const std::filesystem::path& path) { return build(LessonDocument::load(path)); }

std::vector<LessonError> check_lesson(const std::filesystem::path& path) {
  std::vector<LessonError> errors;
  try {
    LessonDocument doc = LessonDocument::load(path);
    doc.collect_errors(&errors);
    build(doc);
  } catch (const LessonError& e) {  // a mistake reading cannot go on after (a missing key, a shape)
    errors.push_back(e);
  } catch (const std::exception&) {  // a stand-in for a wrong value that the engine could not use
    if (errors.empty()) throw;
  }
  std::sort(errors.begin(), errors.end(), [](const LessonError& a, const LessonError& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  errors.erase(std::unique(errors.begin(), errors.end(),
                           [](const LessonError& a, const LessonError& b) {
                             return a.line == b.line && a.column == b.column && a.message == b.message;
                           }),
               errors.end());
  return errors;
}

std::unique_ptr<Lesson> parse_lesson(std::string text, std::string path) {
  return build(LessonDocument::parse(std::move(text), std::move(path)));
}

}  // namespace neurostep

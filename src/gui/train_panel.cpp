#include "gui/train_panel.h"

#include <imgui.h>

#include <fmt/format.h>

#include "gui/plot_view.h"
#include "gui/theme.h"

namespace neurostep {

namespace {
constexpr const char* kData[] = {"sample (embedded, 6,000 + 1,000 images)", "mnist (the full 60,000 + 10,000)", "fashion (Fashion-MNIST)"};
constexpr const char* kOptimizers[] = {"sgd", "adagrad", "rmsprop", "adam"};
constexpr const char* kStates[] = {"idle", "loading the data", "training", "paused", "finished", "stopped", "cancelled"};
}  // namespace

void draw_train_panel(const MnistNumbers& models, const TrainingSnapshot& job, TrainPanelState& s, UiActions& actions) {
  if (models.models.empty()) return;
  const bool busy = job.state == JobState::Loading || job.state == JobState::Training || job.state == JobState::Paused;
  const MnistModel& m = models.models[static_cast<std::size_t>(s.model)];
  ImGui::BeginDisabled(busy);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
  if (ImGui::BeginCombo("model", m.spec.title.c_str())) {
    for (std::size_t i = 0; i < models.models.size(); ++i)
      if (ImGui::Selectable(models.models[i].spec.title.c_str(), static_cast<int>(i) == s.model)) {
        s.model = static_cast<int>(i);
        s.epochs = s.batch = 0;
        s.optimizer = -1;
        s.learning_rate = 0;
      }
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
  ImGui::Combo("data", &s.data, kData, 3);
  if (s.epochs == 0) s.epochs = m.train.epochs;
  if (s.batch == 0) s.batch = m.train.batch;
  if (s.optimizer < 0) s.optimizer = static_cast<int>(m.train.optimizer.kind);
  if (s.learning_rate <= 0) s.learning_rate = static_cast<float>(m.train.optimizer.learning_rate);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::DragInt("epochs", &s.epochs, 0.2f, 1, 100, "%d", ImGuiSliderFlags_AlwaysClamp);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::DragInt("batch", &s.batch, 0.5f, 1, 1024, "%d", ImGuiSliderFlags_AlwaysClamp);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::Combo("optimizer", &s.optimizer, kOptimizers, 4);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::DragFloat("learning rate", &s.learning_rate, 0.0001f, 1e-6f, 10.f, "%.5f", ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::DragInt("seed", &s.seed, 0.2f, 0, 1'000'000);
  ImGui::SameLine();
  ImGui::Checkbox("rotate ±10°", &s.augment);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Augmentation (seed 004 §6.4): each training image turned by a random angle");
  ImGui::EndDisabled();

  if (!busy && ImGui::Button("Start training")) actions.train = TrainCommand::Start;
  if (busy) {
    if (job.state == JobState::Paused ? ImGui::Button("Resume") : ImGui::Button("Pause"))
      actions.train = job.state == JobState::Paused ? TrainCommand::Resume : TrainCommand::Pause;
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) actions.train = TrainCommand::Cancel;
  }
  if (job.state == JobState::Finished || job.state == JobState::Cancelled) {
    ImGui::SameLine();
    if (ImGui::Button("Save model")) actions.train = TrainCommand::Save;
  }
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted), "%s", kStates[static_cast<int>(job.state)]);

  if (job.state != JobState::Idle) {
    const double done = job.batches ? (job.epoch - 1 + static_cast<double>(job.batch) / job.batches) / std::max(1, job.epochs) : 0;
    const std::string overlay = fmt::format("epoch {}/{}, batch {}/{} — {:.0f} samples/s, {:.0f} s left", job.epoch, job.epochs, job.batch,
                                            job.batches, job.samples_per_second, job.eta_seconds);
    ImGui::ProgressBar(static_cast<float>(job.state == JobState::Finished ? 1.0 : done), ImVec2(-1, 0), overlay.c_str());
    if (!job.message.empty()) ImGui::TextWrapped("%s", job.message.c_str());
    if (s.data == 0)
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted),
                         "This run uses the embedded sample. Choose 'mnist' for the full 60,000 images (fetched by scripts/setup.sh).");
    const float width = ImGui::GetContentRegionAvail().x;
    for (const Figure& f : training_figures(job)) draw_figure(f, width, f.equal_aspect ? width * 0.85f : width * 0.5f, actions);
  }
}

}  // namespace neurostep

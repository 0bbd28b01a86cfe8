// mnist_models.h — the CNNs and MLPs of the theses as data (read from a lesson file's [[models]]),
// the data sets they train on, and saved models matched back to them. What the trainer, the Train
// panel and `neurostep train`/`eval` share; the lesson that shows the architectures is the engine
// lessons/engines/mnist.h.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model_spec.h"
#include "core/sequential.h"
#include "core/trainer.h"

namespace neurostep {

class LessonTable;  // lessons/framework/lesson_file.h

// The data sets a model trains on (see data_sources() below).
enum class DataSource { Sample, Mnist, Fashion, Chosen, Cifar10 };

struct MnistModel {
  ModelSpec spec;
  TrainOptions train;    // the thesis's own optimizer, learning rate, batch size and epochs
  std::string reported;  // what the thesis reports, for the architecture note
  std::optional<DataSource>
      data;            // the data set the thesis trains it on, if not digits (Jäppinen: Fashion-MNIST, CIFAR-10)
  std::string versus;  // a model to compare it with on the same data (Jäppinen 2024, Fig. 35), or empty
};

struct MnistModels {
  std::vector<MnistModel> models;
};
const MnistModel* find_model(const MnistModels& models, const std::string& name);  // nullptr if there is none

// The models of a lesson file of kind "mnist" (throws LessonError).
MnistModels read_mnist_models(const std::filesystem::path& lesson_file);
MnistModels read_mnist_models(LessonTable& root);  // the `[[models]]` of an open lesson file
// The name a model has now for the name it had before the documents were cited by name
// ("seed003" → "sougrati", the keys of lessons/sources.toml), so that command lines and scripts
// written then still work; any other name as it is.
std::string current_model_name(const std::string& name);

// A saved model and the lesson model whose architecture it has (pointing into `models`, which
// must outlive it); throws CheckpointError if no model has that architecture.
struct LoadedModel {
  const MnistModel* model;
  Sequential<float> network;
};
LoadedModel load_mnist_checkpoint(const MnistModels& models, const std::filesystem::path& checkpoint);

// The data sets a model trains on, by name on the command line and in the window.
struct DataSourceInfo {
  DataSource source;
  const char* name;   // "sample": what `--data` takes
  const char* label;  // "sample (embedded, 6,000 + 1,000 images)": what the window lists
};
const std::vector<DataSourceInfo>& data_sources();  // in the order the window lists them
std::optional<DataSource> parse_data_source(std::string_view name);

// Where a data set lives: the embedded 6,000/1,000 images in assets/, the full MNIST
// ($XDG_DATA_HOME/neurostep/mnist, fetched by `neurostep data fetch mnist`, else the source tree's
// data/mnist, fetched by setup), Debian's dataset-fashion-mnist, the IDX files the student chose
// with the browser's file picker ($XDG_DATA_HOME/neurostep/chosen, where the page copies them), or
// CIFAR-10 ($XDG_DATA_HOME/neurostep/cifar10, fetched by `neurostep data fetch cifar10`).
std::filesystem::path mnist_data_folder(const std::filesystem::path& lessons_dir, DataSource source);
// The same for a name from the command line: a data set's name, or else a folder of IDX files.
std::filesystem::path mnist_data_folder(const std::filesystem::path& lessons_dir, const std::string& name);

}  // namespace neurostep

#!/usr/bin/env bash
# Regenerates the screenshots in docs/screenshots/ with the app's own --screenshot, under Xvfb.
set -Eeuo pipefail
source "$(dirname "$0")/lib/errors.sh"
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
mkdir -p docs/screenshots
shot() {  # lesson step file
  xvfb-run -a -s "-screen 0 1280x800x24" build/neurostep --lesson "$1" --step "$2" --screenshot "docs/screenshots/$3" --frames 5
  echo "docs/screenshots/$3"
}
shot sigmoid-neuron 5 sigmoid-neuron.png
shot perceptron-and 12 perceptron-and.png
shot perceptron-xor 86 perceptron-xor.png
shot chain-rule 6 chain-rule.png
shot conv-gradients 45 conv-gradients.png
shot pooling 8 pooling.png
shot batch-norm 4 batch-norm.png
shot dropout 7 dropout.png
shot activations 11 activations.png
shot gradient-descent 115 gradient-descent.png
shot cnn-walk 2 cnn-walk.png
try_shot() {  # lesson step answer file: Try it at 1024×700 on a laptop, a wrong answer typed and its feedback
  xvfb-run -a -s "-screen 0 1100x800x24" build/neurostep --lesson "$1" --step "$2" --try --answer="$3" --size 1024x700 \
    --screenshot "docs/screenshots/$4" --frames 5
  echo "docs/screenshots/$4"
}
try_shot sigmoid-neuron 5 0.1298 try-sigmoid-neuron.png
try_shot pooling 2 3 try-pooling.png
try_shot batch-norm 2 3.3333 try-batch-norm.png
laptop_shot() {  # size lesson step file options…: a laptop's screen (issue 26), a lesson's first visit (its summary open)
  xvfb-run -a -s "-screen 0 1400x900x24" build/neurostep --lesson "$2" --step "$3" --size "$1" --screenshot "docs/screenshots/$4" \
    --frames 6 "${@:5}"
  echo "docs/screenshots/$4"
}
laptop_shot 1024x700 conv-gradients 45 laptop-1024-conv-gradients.png
laptop_shot 1024x700 gradient-descent 115 laptop-1024-gradient-descent.png
laptop_shot 1024x700 chain-rule 7 laptop-1024-try-chain-rule.png --try --answer=0.5
laptop_shot 1024x700 playground-spirals 1 laptop-1024-playground.png
laptop_shot 1024x700 batch-norm 3 laptop-1024-presentation.png --present
laptop_shot 1366x768 cnn-walk 2 laptop-1366-cnn-walk.png
laptop_shot 1366x768 sigmoid-neuron 5 laptop-1366-try-sigmoid-neuron.png --try --answer=0.5 --scale 125
big_shot() {  # lesson step file options…: on a 2560×1440 screen
  xvfb-run -a -s "-screen 0 2560x1440x24" build/neurostep --lesson "$1" --step "$2" --size 2560x1440 --screenshot "docs/screenshots/$3" \
    --frames 5 "${@:4}"
  echo "docs/screenshots/$3"
}
big_shot sigmoid-neuron 5 light.png --theme light
big_shot cnn-walk 2 presentation.png --present
train_shot() {  # model view file: trained on the embedded sample, shot once training has ended
  xvfb-run -a -s "-screen 0 1280x1000x24" build/neurostep --train "$1" --train-view "$2" --until-trained --size 1280x1000 \
    --screenshot "docs/screenshots/$3" --frames 5
  echo "docs/screenshots/$3"
}
train_shot seed003 curves mnist-train.png
train_shot seed003 inside mnist-inside.png
train_shot seed004 inside mnist-backwards-query.png
train_shot seed003 compare mnist-optimizers.png
lesson_train_shot() {  # lesson model view file: a lesson's measured demonstration in its Train tab
  xvfb-run -a -s "-screen 0 1280x1000x24" build/neurostep --lesson "$1" --train "$2" --train-view "$3" --until-trained --size 1280x1000 \
    --screenshot "docs/screenshots/$4" --frames 5
  echo "docs/screenshots/$4"
}
lesson_train_shot batch-norm mlp-batchnorm batchnorm batch-norm-train.png
lesson_train_shot dropout mlp-dropout dropout dropout-train.png
play_shot() {  # lesson frames file: a playground lesson trained for FRAMES frames
  xvfb-run -a -s "-screen 0 1600x1000x24" build/neurostep --lesson "$1" --play --size 1600x1000 --frames "$2" --screenshot "docs/screenshots/$3"
  echo "docs/screenshots/$3"
}
play_shot playground-spirals 250 playground.png
play_shot playground-overfit 150 playground-overfit.png
# Every lesson at its first, middle and last step, two sizes, both themes and presenting, on one sheet.
bash tests/screenshot_sweep.sh build/neurostep build/tests/png_check build/tests/contact_sheet build/tests/screenshots >/dev/null
cp build/tests/screenshots/contact-sheet.png docs/screenshots/contact-sheet.png
echo docs/screenshots/contact-sheet.png

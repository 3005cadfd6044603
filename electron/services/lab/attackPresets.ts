/** Attack settings from the literature, offered as presets in the attack lab. Budgets in normalised display units. */
import type { AttackPreset } from '../../shared/labTypes';

/** The presets, in menu order. */
export const ATTACK_PRESETS: readonly AttackPreset[] = [
  {
    id: 'fgsm-0.02',
    label: 'FGSM, L∞ eps 0.02',
    reference: 'Bortsova et al. 2021, "Adversarial attack vulnerability of medical image analysis systems" (Med. Image Anal.)',
    params: { method: 'fgsm', eps: 0.02, norm: 'linf', steps: 1, seed: 0 },
  },
  {
    id: 'pgd-0.02',
    label: 'PGD, L∞ eps 0.02, 10 steps',
    reference: 'Bortsova et al. 2021; Madry et al. 2018 (PGD, step 2.5·eps/steps)',
    params: { method: 'pgd', eps: 0.02, norm: 'linf', steps: 10, alpha: 0.005, seed: 0 },
  },
  {
    id: 'pgd-0.01',
    label: 'PGD, L∞ eps 0.01 (imperceptible)',
    reference: 'Small budgets that readers do not notice, as discussed by Finlayson et al. 2019 (Science) and Ma et al. 2021 (Pattern Recognit.); step 2.5·eps/steps (Madry et al. 2018)',
    params: { method: 'pgd', eps: 0.01, norm: 'linf', steps: 20, alpha: 0.00125, seed: 0 },
  },
  {
    id: 'pgd-0.005',
    label: 'PGD, L∞ eps 0.005 (imperceptible)',
    reference: 'Half of the budget above: how little it takes (same sources); step 2.5·eps/steps (Madry et al. 2018)',
    params: { method: 'pgd', eps: 0.005, norm: 'linf', steps: 20, alpha: 0.000625, seed: 0 },
  },
  {
    id: 'cw-l2',
    label: 'C&W-L2 (minimum norm)',
    reference: 'Carlini & Wagner 2017, "Towards evaluating the robustness of neural networks"',
    params: { method: 'cw', eps: 0, norm: 'l2', steps: 100, seed: 0 },
  },
  {
    id: 'deepfool',
    label: 'DeepFool (minimum norm, L2)',
    reference: 'Moosavi-Dezfooli et al. 2016, "DeepFool: a simple and accurate method to fool deep neural networks"',
    params: { method: 'deepfool', eps: 0, norm: 'l2', steps: 50, seed: 0 },
  },
];

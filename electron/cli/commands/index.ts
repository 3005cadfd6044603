/**
 * Every `aegis` sub-command, in the order `aegis --help` lists them: its word, one line, and a lazy
 * import of the file that implements it (one entry per command file).
 */
import type { CommandEntry } from '../command';

export const commands: CommandEntry[] = [
  { name: 'serve', summary: 'Serve the app on http://127.0.0.1:PORT/ for a browser (URL with access token printed)', load: async () => (await import('./serve')).serve },
  { name: 'metrics', summary: 'Compare two images: L∞/L2/L0 norms, PSNR and SSIM', load: async () => (await import('./metrics')).metrics },
  { name: 'predict', summary: 'Run an ONNX model on one image (.dcm, .png or raw .npy) and print its output', load: async () => (await import('./predict')).predict },
  { name: 'info', summary: 'Describe an ONNX model: inputs, outputs, opset, ops, differentiability', load: async () => (await import('./info')).info },
  { name: 'grad', summary: 'Gradient of a loss w.r.t. the raw model input (.npy → .npy)', load: async () => (await import('./grad')).grad },
  { name: 'attack', summary: 'Attack one image with any method of the attack catalogue (gradient, query, physical, segmentation, transfer), re-scored after quantisation', load: async () => (await import('./attack')).attack },
  { name: 'uap', summary: 'Train a universal adversarial perturbation on a folder of images, or apply one and report the fooling rate', load: async () => (await import('./uap')).uap },
  { name: 'fake', summary: 'GAN fake: plant or remove a lesion at a location with a trained generator (CT-GAN style), pasted back at native resolution', load: async () => (await import('./fake')).fake },
  { name: 'pixels', summary: 'Write one DICOM frame’s decoded pixels to a .npy file (stored or modality values)', load: async () => (await import('./pixels')).pixels },
  { name: 'saliency', summary: 'Explain a model call: vanilla gradient, SmoothGrad, Integrated Gradients, Grad-CAM, HiResCAM, occlusion', load: async () => (await import('./saliency')).saliency },
  { name: 'detect', summary: 'Adversarial-suspicion scores and heatmap of one image against a clean calibration', load: async () => (await import('./detect')).detect },
  { name: 'detect-eval', summary: 'Detection ROC AUC and TPR at 5 % FPR per detector against fresh attacks (and adaptive ones)', load: async () => (await import('./detect-eval')).detectEval },
  { name: 'evaluate', summary: 'Recompute a demo model card on fresh synthetic phantoms (AUC/accuracy clean and under PGD, or Dice)', load: async () => (await import('./evaluate')).evaluate },
  { name: 'demo', summary: 'Run the offline demo: phantom study, predictions, PGD attacks, derived DICOM and an HTML summary', load: async () => (await import('./demo')).demo },
  { name: 'phantoms', summary: 'Write synthetic chest-radiograph phantoms (DICOM, lung masks, ground truth) for tests and demos', load: async () => (await import('./phantoms')).phantoms },
  { name: 'qa', summary: 'QA session: models × attacks × budgets over a labelled folder, resumable, with 95 % CIs and an HTML report', load: async () => (await import('./qa')).qa },
  { name: 'worker', summary: 'QA scale-out: compute QA session images from a BullMQ queue on Redis (aegis qa … --queue)', load: async () => (await import('./worker')).worker },
  { name: 'study', summary: 'Reader studies: create, generate, export (blinded bundle), results, merge, stats; MRMC analysis of any iMRMC file', load: async () => (await import('./study')).study },
];

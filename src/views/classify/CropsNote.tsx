/**
 * How the crops of the prediction modes are taken: this project's reading of the paper, which reports
 * 12- and 144-crop results (Tables 3–5) but defines the crops only by pointing to GoogLeNet.
 */
export function CropsNote() {
  return (
    <details className="crops-note">
      <summary>How the crops are taken (this project’s reading of the paper)</summary>
      <p>
        The paper reports 12- and 144-crop error rates (Tables 3–5) and refers to GoogLeNet for the crops
        (Szegedy et al. 2015, <cite>Going deeper with convolutions</cite>, §7), which were defined for 224×224
        inputs. The paper does not spell them out for 299×299; this is how the app takes them:
      </p>
      <ul>
        <li><strong>1 crop</strong>: the checkpoint’s own evaluation crop — shorter side resized to 299 / crop_pct (341 px for Inception-v4, 333 for Inception-ResNet-v2), centre 299×299.</li>
        <li><strong>12 crops</strong>: of that resized image, the four corner and the centre 299×299 crops and the whole centre square resized to 299; each also mirrored.</li>
        <li><strong>144 crops</strong>: GoogLeNet’s protocol scaled by 299/224 — shorter side resized to 342, 384, 427 and 470 px; the left, centre and right squares (top, centre and bottom for portrait photos); in each the four corners, the centre 299 crop and the square resized to 299; each also mirrored (4 × 3 × 6 × 2).</li>
        <li><strong>Ensemble</strong>: Inception-v4 and Inception-ResNet-v2, class probabilities averaged over crops, then over the two networks. The paper’s best ensemble was 1 × Inception-v4 + 3 × Inception-ResNet-v2, four separately trained models; only one checkpoint of each network exists.</li>
      </ul>
    </details>
  );
}

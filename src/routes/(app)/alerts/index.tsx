/** /alerts with no alert open: a hint in the detail column (hidden on narrow screens). */
export default function NoAlertOpen() {
  return (
    <div class="inbox-page__placeholder">
      <p>Select an alert to read it in full, with its image and delivery record.</p>
    </div>
  );
}

export default function SourcesPage() {
  return null;
}

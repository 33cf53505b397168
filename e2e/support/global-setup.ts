// Runs once before the end-to-end tests: the built renderer must exist.
import { checkRendererBuild } from './prerequisites';

export default function globalSetup(): void {
  checkRendererBuild();
}

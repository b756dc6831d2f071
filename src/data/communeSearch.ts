/** The typo-tolerant search over data/communes.csv, built on first use. */
import { CommuneSearch } from '../domain/communeSearch';
import { communes } from './communes';

let shared: CommuneSearch | undefined;

export function communeSearch(): CommuneSearch {
  shared ??= new CommuneSearch(communes());
  return shared;
}

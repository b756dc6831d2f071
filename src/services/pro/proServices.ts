/** The professional use cases, built once around the stores (see app.ts). */
import { type Clock, systemClock } from '../../domain/clock';
import type { CommuneIndex } from '../../domain/communes';
import type { Programme } from '../../domain/programme';
import type { VoucherBook } from '../../domain/types';
import type { Stores } from '../../store/repositories';
import { IdentityGuard } from '../identityGuard';
import type { PlaceSearch } from '../placeSearch';
import { AccessLog } from './accessLog';
import { AttendanceService } from './attendance';
import { VoucherBookUnlock } from './bookUnlock';
import { BeneficiaryLookup } from './beneficiaryLookup';
import { ProgrammeFigures } from './figures';
import { FiguresLinks } from './figuresLinks';
import { PrescriptionService } from './prescription';
import { ProAccess } from './proAccess';
import { ProfessionalDirectory } from './professionalDirectory';
import type { SmsSender } from './sms';

export interface ProServices {
  directory: ProfessionalDirectory;
  access: ProAccess;
  lookup: BeneficiaryLookup;
  prescription: PrescriptionService;
  attendance: AttendanceService;
  accessLog: AccessLog;
  figures: ProgrammeFigures;
  figuresLinks: FiguresLinks;
  unlock: VoucherBookUnlock;
}

export function createProServices(options: {
  stores: Stores;
  programmes: readonly Programme[];
  communes: CommuneIndex;
  placeSearch: PlaceSearch;
  sms: SmsSender;
  smsText: (book: VoucherBook, programme: Programme) => string;
  clock?: Clock;
  /** The beneficiaries' lockouts (services.identityGuard), for the unlock of a carnet locked for good. */
  identityGuard?: IdentityGuard;
}): ProServices {
  const { stores, programmes } = options;
  const clock = options.clock ?? systemClock;
  const access = new ProAccess(stores, clock);
  const directory = new ProfessionalDirectory(stores, clock);
  const figures = new ProgrammeFigures(stores, access);
  return {
    directory,
    access,
    lookup: new BeneficiaryLookup(stores, access, programmes),
    prescription: new PrescriptionService(stores, access, programmes, options.communes, options.placeSearch, options.sms, options.smsText),
    attendance: new AttendanceService(stores, access, programmes),
    accessLog: new AccessLog(stores, access),
    figures,
    figuresLinks: new FiguresLinks(stores, directory, figures),
    unlock: new VoucherBookUnlock(stores, access, options.identityGuard ?? new IdentityGuard(stores.counters)),
  };
}

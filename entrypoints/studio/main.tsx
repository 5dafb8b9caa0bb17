import { loaded } from '../../components/studio/model/open';
import { StudioApp } from '../../components/studio/StudioApp';
import { mountPage } from '../../components/PageError';
import '../../components/theme.css';
import './studio.css';

// The studio: datasets, their trays of images waiting to upload, and trainings.
void mountPage('the studio', loaded, () => <StudioApp />);

import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './exposeApi';

exposeBridge(contextBridge, ipcRenderer);
